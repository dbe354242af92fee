/**
 * A token bucket: up to `capacity` tokens, refilled at `perSecond`. Taking succeeds while there
 * are tokens, so a burst of `capacity` passes at once and then `perSecond` on average, however
 * the sends are spread. The clock is passed in, in ms, so callers share one and tests need no
 * timers.
 */
export class TokenBucket {
  private tokens: number
  private updatedAt: number

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity
    this.updatedAt = now
  }

  /** Takes `cost` tokens if there are that many; false (and nothing taken) otherwise. */
  take(now: number, cost = 1): boolean {
    this.refill(now)
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }

  /** Takes `cost` tokens even if that leaves the bucket in debt, as a penalty for sending on. */
  charge(now: number, cost = 1): void {
    this.refill(now)
    this.tokens -= cost
  }

  /** How far below empty the bucket is, in tokens (0 when it has any). */
  debt(now: number): number {
    this.refill(now)
    return Math.max(0, -this.tokens)
  }

  /** Milliseconds until `cost` tokens are there (0 if they are now). */
  msUntil(now: number, cost = 1): number {
    this.refill(now)
    return Math.max(0, ((cost - this.tokens) / this.perSecond) * 1000)
  }

  /** True when the bucket is full again: it then behaves as a new one, and can be dropped. */
  isFull(now: number): boolean {
    this.refill(now)
    return this.tokens >= this.capacity
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt)
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.perSecond)
    this.updatedAt = now
  }
}
