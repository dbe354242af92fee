/** A distribution reduced to the figures the bench reports, in the unit of its samples. */
export interface Distribution {
  readonly count: number
  readonly p50: number
  readonly p99: number
  readonly max: number
}

/**
 * The `q`-quantile (0 < q ≤ 1) of ascending `sorted` samples by the nearest-rank method: always
 * one of the samples, never an interpolation, so a p99 is a latency that really happened.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil(q * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number
}

/** p50, p99 and max of `samples` (in any order); NaN figures when there are none. */
export function summarize(samples: readonly number[]): Distribution {
  const sorted = Float64Array.from(samples).sort()
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
  }
}
