import { describe, expect, it } from 'vitest'
import { findFreeSpot } from './findFreeSpot'

const view = { x: 0, y: 0, w: 1000, h: 800 }
const card = { w: 300, h: 190 }

describe('findFreeSpot', () => {
  it('uses the top left of an empty view, inside the margin', () => {
    expect(findFreeSpot(view, card, [], 24)).toEqual({ x: 24, y: 24 })
  })

  it('goes beside what is already there, clear of it', () => {
    const spot = findFreeSpot(view, card, [{ x: 0, y: 0, w: 400, h: 300 }], 24)
    expect(spot.y).toBe(24)
    expect(spot.x).toBeGreaterThanOrEqual(424)
  })

  it('moves down a row when the top is full', () => {
    const spot = findFreeSpot(view, card, [{ x: 0, y: 0, w: 1000, h: 250 }], 24)
    expect(spot.y).toBeGreaterThanOrEqual(274)
    expect(spot.x).toBe(24)
  })

  it('falls back to the middle of the view when there is no room', () => {
    expect(findFreeSpot(view, card, [view], 24)).toEqual({ x: 350, y: 305 })
  })

  it('works where the view is, not at the origin', () => {
    expect(findFreeSpot({ x: 5000, y: -300, w: 1000, h: 800 }, card, [], 10)).toEqual({
      x: 5010,
      y: -290,
    })
  })
})
