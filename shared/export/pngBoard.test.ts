import { describe, expect, it } from 'vitest'
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
