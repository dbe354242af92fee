import { describe, expect, it } from 'vitest'
import { jsonDepthWithin } from './jsonDepth'

describe('jsonDepthWithin', () => {
  it('measures the nesting of objects and arrays', () => {
    expect(jsonDepthWithin('{"a":[{"b":1}]}', 3)).toBe(true)
    expect(jsonDepthWithin('{"a":[{"b":1}]}', 2)).toBe(false)
    expect(jsonDepthWithin('12', 0)).toBe(true)
  })

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthWithin('{"a":"[[[{{{\\"[[["}', 1)).toBe(true)
  })

  it('refuses text nested a million deep without parsing it', () => {
    const started = performance.now()
    expect(jsonDepthWithin('['.repeat(1_000_000) + ']'.repeat(1_000_000), 100)).toBe(false)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
