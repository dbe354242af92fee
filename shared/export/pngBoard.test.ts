import { describe, expect, it } from 'vitest'
import { BoardTooLargeError } from './pngBoardChunk'
import { embedBoardInPng, extractBoardFromPng } from './pngBoard'

// A 1×1 PNG.
const DOT = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)
const board = JSON.stringify({
  title: 'Café crisis support – “Leeds” 😀',
  records: [{ id: 'shape:a' }],
})

describe('boards in PNG pictures', () => {
  it('carries a board through a PNG and gets it back unchanged', () => {
    const png = embedBoardInPng(DOT, board)
    expect(Array.from(png.subarray(0, 8))).toEqual(Array.from(DOT.subarray(0, 8)))
    expect(extractBoardFromPng(png)).toBe(board)
  })

  it('replaces an earlier board rather than carrying two', () => {
    const twice = embedBoardInPng(embedBoardInPng(DOT, '{"old":true}'), board)
    expect(extractBoardFromPng(twice)).toBe(board)
    expect(new TextDecoder('latin1').decode(twice).match(/commonmap-board/g)).toHaveLength(1)
  })

  it('finds no board in an ordinary PNG', () => {
    expect(extractBoardFromPng(DOT)).toBeUndefined()
  })

  it('refuses bytes that are not a PNG, and a damaged board', () => {
    expect(() => extractBoardFromPng(new TextEncoder().encode('not a picture'))).toThrow()
    const png = embedBoardInPng(DOT, board)
    const text = new TextDecoder('latin1').decode(png)
    const at = text.indexOf('commonmap-board') + 'commonmap-board'.length + 5
    const damaged = png.slice()
    damaged[at] = damaged[at] === 65 ? 66 : 65
    expect(() => extractBoardFromPng(damaged)).toThrow()
  })
})

describe('reading a hostile PNG', () => {
  /** A PNG chunk with a wrong CRC: the reader never checks it. */
  const chunk = (type: string, data: Uint8Array) => {
    const bytes = new Uint8Array(12 + data.length)
    new DataView(bytes.buffer).setUint32(0, data.length)
    bytes.set(new TextEncoder().encode(type), 4)
    bytes.set(data, 8)
    return bytes
  }
  const withChunks = (...chunks: Uint8Array[]) => {
    const end = DOT.length - 12
    const parts = [DOT.subarray(0, end), ...chunks, DOT.subarray(end)]
    const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
    let at = 0
    for (const part of parts) {
      png.set(part, at)
      at += part.length
    }
    return png
  }

  it('skips a large text chunk that is not a board without reading it', () => {
    const other = new Uint8Array(8 * 1024 * 1024).fill(0x41)
    other.set(new TextEncoder().encode('Comment\0'))
    const png = withChunks(chunk('tEXt', other))
    const started = performance.now()
    expect(extractBoardFromPng(png)).toBeUndefined()
    expect(performance.now() - started).toBeLessThan(500)
  })

  it('refuses a board chunk larger than a board can make, before decoding it', () => {
    const data = new Uint8Array(4 * 1024 * 1024).fill(0x41)
    data.set(new TextEncoder().encode('commonmap-board\0'))
    expect(() => extractBoardFromPng(withChunks(chunk('tEXt', data)), 1024 * 1024)).toThrow(
      BoardTooLargeError,
    )
  })

  it('refuses a chunk that says it runs past the end of the file', () => {
    const png = DOT.slice()
    new DataView(png.buffer).setUint32(8, 0x7fffffff)
    expect(() => extractBoardFromPng(png)).toThrow(/past the end/)
  })
})
