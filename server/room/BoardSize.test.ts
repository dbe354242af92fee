import { describe, expect, it, vi } from 'vitest'
import { BoardSize, MEASURE_INTERVAL_MS } from './BoardSize'

describe('BoardSize', () => {
  it('measures the document only when an update could take the estimate past the limit', () => {
    const measure = vi.fn(() => 600)
    const size = new BoardSize(1000, 500, measure)
    expect(size.wouldPass(400, 0)).toBe(false)
    expect(measure).not.toHaveBeenCalled()
    size.grew(400)
    // Estimated 900: 200 more could pass, but the document really weighs 600.
    expect(size.wouldPass(200, 0)).toBe(false)
    expect(size.wouldPass(500, 0)).toBe(true)
    // Known exactly until the board changes again.
    expect(measure).toHaveBeenCalledTimes(1)
    size.grew(10)
    // Changed, but measured less than a second ago: the estimate decides.
    expect(size.wouldPass(500, MEASURE_INTERVAL_MS - 1)).toBe(true)
    expect(measure).toHaveBeenCalledTimes(1)
    expect(size.wouldPass(500, MEASURE_INTERVAL_MS)).toBe(true)
    expect(measure).toHaveBeenCalledTimes(2)
  })
})
