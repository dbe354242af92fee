import { TokenBucket } from '../TokenBucket'

/** What one address may do a limited number of times a minute. */
export type AddressLimitName = 'boards' | 'joins' | 'uploads' | 'imports' | 'exports'

/** How many of each one address may do per minute (the config's `…_PER_MINUTE`). */
export type PerMinuteLimits = Readonly<Record<AddressLimitName, number>>

/** Addresses remembered at most, per kind; beyond, the ones that are back to full go first. */
const MAX_ADDRESSES = 50_000

/**
 * Per-address limits on what is costly to do many times: making boards, joining, uploading
 * pictures, importing and exporting. Each address has a token bucket per kind that holds a
 * minute's worth (so a burst of that many passes) and refills at that many a minute. Memory is
 * bounded: a bucket that has refilled is the same as none and is forgotten first.
 */
export class AddressLimits {
  private readonly buckets = new Map<AddressLimitName, Map<string, TokenBucket>>()

  constructor(
    private readonly perMinute: PerMinuteLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts one `name` from `address`: 0 when it may go ahead, or how many seconds to wait
   * (for `Retry-After`) when the address has used its share.
   */
  take(name: AddressLimitName, address: string): number {
    const now = this.now()
    let buckets = this.buckets.get(name)
    if (!buckets) this.buckets.set(name, (buckets = new Map()))
    let bucket = buckets.get(address)
    if (!bucket) {
      if (buckets.size >= MAX_ADDRESSES) forgetRefilled(buckets, now)
      const perMinute = this.perMinute[name]
      bucket = new TokenBucket(perMinute, perMinute / 60, now)
      buckets.set(address, bucket)
    }
    if (bucket.take(now)) return 0
    return Math.max(1, Math.ceil(bucket.msUntil(now) / 1000))
  }
}

function forgetRefilled(buckets: Map<string, TokenBucket>, now: number): void {
  for (const [address, bucket] of buckets) if (bucket.isFull(now)) buckets.delete(address)
  // Still full of active addresses: forget the oldest, which at worst lets one burst through.
  for (const address of buckets.keys()) {
    if (buckets.size < MAX_ADDRESSES) break
    buckets.delete(address)
  }
}
