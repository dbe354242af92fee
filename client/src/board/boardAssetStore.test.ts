import { describe, expect, it } from 'vitest'
import { isSameOriginPath } from './boardAssetStore'

describe('isSameOriginPath', () => {
  it('accepts paths on this server only', () => {
    expect(isSameOriginPath('/api/boards/x/assets/abc.png')).toBe(true)
    expect(isSameOriginPath('//evil.example/track.png')).toBe(false)
    expect(isSameOriginPath('https://evil.example/track.png')).toBe(false)
    expect(isSameOriginPath('data:image/png;base64,AAAA')).toBe(false)
    expect(isSameOriginPath('')).toBe(false)
  })
})
