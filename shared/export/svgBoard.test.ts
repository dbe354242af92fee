import { describe, expect, it } from 'vitest'
import { embedBoardInSvg, extractBoardFromSvg } from './svgBoard'

const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
const board = JSON.stringify({ title: '</metadata><script>alert(1)</script> 😀' })

describe('boards in SVG pictures', () => {
  it('carries a board through an SVG and gets it back unchanged', () => {
    const withBoard = embedBoardInSvg(svg, board)
    expect(withBoard.startsWith('<svg')).toBe(true)
    expect(withBoard).toContain('<rect width="10" height="10"/>')
    expect(extractBoardFromSvg(withBoard)).toBe(board)
  })

  it('never lets the board text become markup', () => {
    const withBoard = embedBoardInSvg(svg, board)
    expect(withBoard).not.toContain('<script>')
    expect(withBoard.match(/<metadata>/g)).toHaveLength(1)
  })

  it('replaces an earlier board, finds none in an ordinary SVG, and refuses non-SVG text', () => {
    expect(extractBoardFromSvg(embedBoardInSvg(embedBoardInSvg(svg, '{}'), board))).toBe(board)
    expect(extractBoardFromSvg(svg)).toBeUndefined()
    expect(() => embedBoardInSvg('<html></html>', board)).toThrow()
  })
})
