import { TokenBucket } from '../TokenBucket'

/** What one connection may send, per second on average (twice as much at once). */
export interface ConnectionRates {
  /** Changes to the board (`DEFAULT_UPDATES_PER_SECOND`). */
  readonly updatesPerSecond: number
  /** Presence updates (`DEFAULT_PRESENCE_PER_SECOND`). */
  readonly presencePerSecond: number
}

/** A change counts once, and once more for each of these it holds, so size costs too. */
const BYTES_PER_EXTRA_UPDATE = 64 * 1024

/** What a connection's next frame of a kind should meet. */
export type BudgetVerdict = 'pass' | 'drop' | 'close'

/**
 * One connection's budget for changes and presence: token buckets of a second's worth at the
 * rate, topped up to twice that so a burst passes. A change over budget closes the connection:
 * dropping it would leave the sender with a board nobody else has. Presence over budget is
 * dropped (the next one replaces it), and a connection still sending a full second's worth
 * more than its budget is closed.
 */
export class ConnectionBudget {
  private readonly updates: TokenBucket
  private readonly presence: TokenBucket

  constructor(
    private readonly rates: ConnectionRates,
    now: number,
  ) {
    this.updates = new TokenBucket(2 * rates.updatesPerSecond, rates.updatesPerSecond, now)
    this.presence = new TokenBucket(2 * rates.presencePerSecond, rates.presencePerSecond, now)
  }

  /** A change (or one of Commonmap's own messages) of `bytes`. */
  update(now: number, bytes: number): BudgetVerdict {
    const cost = 1 + Math.floor(bytes / BYTES_PER_EXTRA_UPDATE)
    return this.updates.take(now, cost) ? 'pass' : 'close'
  }

  /** A presence update, or a request for everyone's presence. */
  presenceUpdate(now: number): BudgetVerdict {
    if (this.presence.take(now)) return 'pass'
    this.presence.charge(now)
    return this.presence.debt(now) > this.rates.presencePerSecond ? 'close' : 'drop'
  }
}
