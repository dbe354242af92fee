import { describe, expect, it } from 'vitest'
import { percentile, summarize } from './percentiles'

describe('percentile', () => {
  it('picks a sample by nearest rank, never interpolating', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(sorted, 0.5)).toBe(50)
    expect(percentile(sorted, 0.99)).toBe(99)
    expect(percentile(sorted, 1)).toBe(100)
    expect(percentile([1, 10], 0.5)).toBe(1)
  })

  it('gives the only sample for any quantile, and NaN without samples', () => {
    expect(percentile([7], 0.01)).toBe(7)
    expect(percentile([7], 0.99)).toBe(7)
    expect(percentile([], 0.5)).toBeNaN()
  })
})

describe('summarize', () => {
  it('sorts numerically, not as text', () => {
    expect(summarize([10, 9, 100, 2])).toEqual({ count: 4, p50: 9, p99: 100, max: 100 })
  })

  it('lets one outlier in a hundred samples show in max but not in p99', () => {
    const samples = [...Array.from({ length: 99 }, () => 1), 500]
    expect(summarize(samples)).toMatchObject({ p50: 1, p99: 1, max: 500 })
  })

  it('reports NaN figures for no samples', () => {
    expect(summarize([])).toEqual({ count: 0, p50: NaN, p99: NaN, max: NaN })
  })
})
