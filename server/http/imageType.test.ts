import { describe, expect, it } from 'vitest'
import { detectImageType, imageTypeForExtension } from './imageType'

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)))

describe('detectImageType', () => {
  it.each([
    ['image/png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['image/gif', bytes('GIF89a', [1, 0])],
    ['image/gif', bytes('GIF87a')],
    ['image/webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
  ])('recognises %s by its magic bytes', (type, file) => {
    expect(detectImageType(file)).toBe(type)
  })

  it.each([
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['HTML', bytes('<!doctype html>')],
    ['a RIFF file that is not WebP', bytes('RIFF', [1, 2, 3, 4], 'WAVE')],
    ['a truncated PNG header', bytes([0x89], 'PNG')],
    ['nothing', bytes()],
  ])('refuses %s', (_name, file) => {
    expect(detectImageType(file)).toBeUndefined()
  })

  it('maps stored extensions back to their type', () => {
    expect(imageTypeForExtension('jpg')).toBe('image/jpeg')
    expect(imageTypeForExtension('svg')).toBeUndefined()
  })
})
