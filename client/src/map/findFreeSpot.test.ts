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

  it('goes just beyond the view when the view has no room', () => {
    const spot = findFreeSpot(view, card, [view], 24)
    const clear =
      spot.x + card.w + 24 <= view.x ||
      spot.x - 24 >= view.x + view.w ||
      spot.y + card.h + 24 <= view.y ||
      spot.y - 24 >= view.y + view.h
    expect(clear).toBe(true)
    expect(spot.y).toBeLessThan(0)
  })

  it('falls back to the middle of the view when there is no room anywhere near', () => {
    const everywhere = { x: -1e5, y: -1e5, w: 2e5, h: 2e5 }
    expect(findFreeSpot(view, card, [everywhere], 24)).toEqual({ x: 350, y: 305 })
  })

  it('works where the view is, not at the origin', () => {
    expect(findFreeSpot({ x: 5000, y: -300, w: 1000, h: 800 }, card, [], 10)).toEqual({
      x: 5010,
      y: -290,
    })
  })
})
