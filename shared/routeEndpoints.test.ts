import { describe, expect, it } from 'vitest'
import { routeEndpoints } from './routeEndpoints'

describe('routeEndpoints', () => {
  it('runs between the facing edges of two cards side by side, clear of each edge', () => {
    const left = { x: 0, y: 0, w: 100, h: 50 }
    const right = { x: 300, y: 0, w: 100, h: 50 }
    expect(routeEndpoints(left, right, 10)).toEqual({
      start: { x: 110, y: 25 },
      end: { x: 290, y: 25 },
    })
  })

  it('leaves through the top or bottom when the cards are stacked', () => {
    const top = { x: 0, y: 0, w: 200, h: 100 }
    const below = { x: 0, y: 400, w: 200, h: 100 }
    expect(routeEndpoints(top, below, 0)).toEqual({
      start: { x: 100, y: 100 },
      end: { x: 100, y: 400 },
    })
  })

  it('follows the line between centres when the cards are diagonal', () => {
    const { start, end } = routeEndpoints(
      { x: 0, y: 0, w: 100, h: 100 },
      { x: 300, y: 300, w: 100, h: 100 },
      0,
    )
    expect(start).toEqual({ x: 100, y: 100 })
    expect(end).toEqual({ x: 300, y: 300 })
  })

  it('joins overlapping cards centre to centre', () => {
    expect(routeEndpoints({ x: 0, y: 0, w: 100, h: 100 }, { x: 20, y: 0, w: 100, h: 100 })).toEqual(
      {
        start: { x: 50, y: 50 },
        end: { x: 70, y: 50 },
      },
    )
  })

  it('rounds to hundredths so every client computes the same numbers', () => {
    const { start } = routeEndpoints(
      { x: 0, y: 0, w: 100, h: 100 },
      { x: 301, y: 177, w: 33, h: 71 },
    )
    expect(Number.isInteger(start.x * 100)).toBe(true)
    expect(Number.isInteger(start.y * 100)).toBe(true)
  })
})
