import { silentLogger, type Logger } from '../../logger'
import type { BoardLease, BoardOwnership, LeaseEnd } from '../BoardOwnership'
import type { PostgresDatabase } from './PostgresDatabase'
import { PostgresListener } from './PostgresListener'

/** The channel on which a process asks the owner of a board to hand it over. */
export const HANDOVER_CHANNEL = 'commonmap_handover'

/** Options of {@link PostgresOwnership}. */
export interface PostgresOwnershipOptions {
  readonly database: PostgresDatabase
  /** This process's LISTEN connection, which holds its liveness lock. */
  readonly listener: PostgresListener
  /** This process's id, unique among the processes sharing the database. */
  readonly processId: string
  /** How long a lease lasts without renewal, in ms; renewed every third of it. */
  readonly leaseMs: number
  /**
   * A board taken less than this long ago is not handed over yet (default 1 s): two processes
   * that both keep being sent a board's clients then trade it at most once a second.
   */
  readonly minHoldMs?: number
  readonly logger?: Logger
}

/** How often a process waiting for a board tries again, in ms. */
const RETRY_MS = 100
/** How often it repeats its request that the owner hand the board over, in ms. */
const ASK_AGAIN_MS = 1000
/**
 * How long a process that handed a board over leaves it to the process that asked, in ms: a few
 * of the asker's retries. Its own clients reconnect at once and would otherwise take the board
 * straight back, every time, from an asker that only tries every {@link RETRY_MS}.
 */
const LEAVE_TO_ASKER_MS = 5 * RETRY_MS

class Lease implements BoardLease {
  private readonly listeners: ((end: LeaseEnd) => void)[] = []
  ended = false
  /** Why it ended, when it ended by a request rather than by its holder giving it up. */
  endedBy: LeaseEnd | undefined
  readonly acquiredAt = performance.now()
  /** Until when, on this process's clock, the lease is surely still ours. */
  validUntil: number

  constructor(
    readonly boardId: string,
    readonly fence: number,
    leaseMs: number,
    readonly release: () => Promise<void>,
  ) {
    this.validUntil = this.acquiredAt + leaseMs
  }

  onEnd(listener: (end: LeaseEnd) => void): void {
    if (this.ended) return
    this.listeners.push(listener)
  }

  end(end: LeaseEnd): void {
    if (this.ended) return
    this.ended = true
    this.endedBy = end
    for (const listener of this.listeners.splice(0)) listener(end)
  }

  /** Its holder gave it up: nobody needs telling. */
  forget(): void {
    this.ended = true
    this.listeners.length = 0
  }
}

/**
 * Board ownership in PostgreSQL: a lease per board with a fencing number (table
 * `board_owners`). Taking a board increments its fence; every append carries the fence of the
 * lease it was made under and the database refuses any other, so a process paused past its lease
 * can never write to a board that was taken meanwhile. A board can be taken when its lease has
 * run out, was released, or its owner's liveness lock is free (the owner's process is gone, see
 * PostgresListener); otherwise the taker asks the owner to hand it over (NOTIFY on
 * {@link HANDOVER_CHANNEL}) and tries again until the owner releases it or its lease runs out.
 * Leases are renewed in one statement for all of a process's boards.
 */
export class PostgresOwnership implements BoardOwnership {
  private readonly held = new Map<string, Lease>()
  /** Boards this process handed over, and until when (performance.now()) it leaves them be. */
  private readonly handedOver = new Map<string, number>()
  private readonly logger: Logger
  private readonly renewTimer: NodeJS.Timeout
  private readonly stopListening: () => void
  private closed = false

  constructor(private readonly options: PostgresOwnershipOptions) {
    this.logger = options.logger ?? silentLogger
    options.listener.on(HANDOVER_CHANNEL, (payload) => this.handoverRequested(payload))
    // The liveness lock went with the connection: others may take every board now.
    this.stopListening = options.listener.onLost(() => {
      for (const lease of this.held.values()) lease.end('lost')
      this.held.clear()
    })
    this.renewTimer = setInterval(() => void this.renew(), options.leaseMs / 3)
    this.renewTimer.unref()
  }

  async acquire(boardId: string): Promise<BoardLease | undefined> {
    const deadline = performance.now() + 3 * this.options.leaseMs
    let askedAt = -Infinity
    for (;;) {
      if (this.closed) throw new Error('The server is shutting down')
      const leftToAskerFor = (this.handedOver.get(boardId) ?? 0) - performance.now()
      if (leftToAskerFor > 0) {
        await new Promise((resolve) => setTimeout(resolve, leftToAskerFor))
        continue
      }
      const key = await this.options.listener.lockKey()
      const taken = await this.tryTake(boardId, key)
      if (taken === 'no-such-board') return undefined
      if (taken !== 'held-elsewhere') {
        // A lease this process still held for the board is stale now: its fence is not current.
        this.held.get(boardId)?.end('lost')
        const lease: Lease = new Lease(boardId, taken, this.options.leaseMs, () =>
          this.release(lease),
        )
        this.held.set(boardId, lease)
        this.logger.info('board.taken', { boardId, fence: taken })
        return lease
      }
      const now = performance.now()
      if (now > deadline) throw new Error(`Board ${boardId} could not be taken over in time`)
      if (now - askedAt >= ASK_AGAIN_MS) {
        askedAt = now
        await PostgresListener.notify(
          this.options.database.pool,
          HANDOVER_CHANNEL,
          JSON.stringify({ boardId, from: this.options.processId }),
        )
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
    }
  }

  /** Releases every lease this process holds, so other processes can take them at once. */
  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.renewTimer)
    this.stopListening()
    await Promise.all([...this.held.values()].map((lease) => lease.release()))
  }

  /** The new fence, or why the board could not be taken now. */
  private async tryTake(
    boardId: string,
    lockKey: number,
  ): Promise<number | 'no-such-board' | 'held-elsewhere'> {
    const { rows } = await this.options.database.pool.query<{ fence: number }>(
      `INSERT INTO board_owners AS o (board_id, owner, owner_lock, fence, expires_at)
        SELECT id, $2, $3, 1, clock_timestamp() + $4 * interval '1 millisecond'
          FROM boards WHERE id = $1
        ON CONFLICT (board_id) DO UPDATE SET owner = excluded.owner,
          owner_lock = excluded.owner_lock, fence = o.fence + 1, expires_at = excluded.expires_at
        WHERE o.owner = excluded.owner OR o.expires_at <= clock_timestamp()
          OR pg_try_advisory_xact_lock(o.owner_lock)
        RETURNING fence`,
      [boardId, this.options.processId, lockKey, this.options.leaseMs],
    )
    if (rows[0]) return rows[0].fence
    const exists = await this.options.database.pool.query('SELECT 1 FROM boards WHERE id = $1', [
      boardId,
    ])
    return exists.rowCount ? 'held-elsewhere' : 'no-such-board'
  }

  private async release(lease: Lease): Promise<void> {
    if (this.held.get(lease.boardId) === lease) this.held.delete(lease.boardId)
    if (lease.endedBy === 'handover') this.leaveToAsker(lease.boardId, LEAVE_TO_ASKER_MS)
    lease.forget()
    try {
      await this.options.database.pool.query(
        `UPDATE board_owners SET expires_at = '-infinity' WHERE board_id = $1 AND fence = $2`,
        [lease.boardId, lease.fence],
      )
    } catch (error) {
      // Not fatal: the lease runs out on its own.
      this.logger.warn('board.release-failed', { boardId: lease.boardId, error })
    }
  }

  private async renew(): Promise<void> {
    const leases = [...this.held.values()]
    if (leases.length === 0) return
    const sentAt = performance.now()
    try {
      const { rows } = await this.options.database.pool.query<{ board_id: string }>(
        `UPDATE board_owners AS o
          SET expires_at = clock_timestamp() + $3 * interval '1 millisecond'
          FROM unnest($1::text[], $2::bigint[]) AS mine (board_id, fence)
          WHERE o.board_id = mine.board_id AND o.fence = mine.fence
          RETURNING o.board_id`,
        [leases.map((l) => l.boardId), leases.map((l) => l.fence), this.options.leaseMs],
      )
      const renewed = new Set(rows.map((row) => row.board_id))
      for (const lease of leases) {
        if (renewed.has(lease.boardId)) {
          lease.validUntil = sentAt + this.options.leaseMs
        } else if (this.held.get(lease.boardId) === lease) {
          this.logger.warn('board.lost', { boardId: lease.boardId, fence: lease.fence })
          this.held.delete(lease.boardId)
          lease.end('lost')
        }
      }
    } catch (error) {
      this.logger.error('board.renew-failed', { error })
      // Without a renewal this process cannot know it still serves a board once its lease is
      // over: stop serving it (the database would refuse its writes anyway once it is taken).
      const now = performance.now()
      for (const lease of leases) {
        if (lease.validUntil > now || this.held.get(lease.boardId) !== lease) continue
        this.held.delete(lease.boardId)
        lease.end('lost')
      }
    }
  }

  private handoverRequested(payload: string): void {
    let request: { boardId?: unknown; from?: unknown }
    try {
      request = JSON.parse(payload) as typeof request
    } catch {
      return
    }
    if (typeof request.boardId !== 'string' || request.from === this.options.processId) return
    const lease = this.held.get(request.boardId)
    if (!lease || performance.now() - lease.acquiredAt < (this.options.minHoldMs ?? 1000)) return
    this.logger.info('board.handover', { boardId: lease.boardId, to: request.from })
    // Its clients come back as soon as they are told, maybe before the lease is released: from
    // now until a little after that, the board is the asker's to take (at most a lease's length,
    // should the release never come).
    this.leaveToAsker(lease.boardId, this.options.leaseMs)
    lease.end('handover')
  }

  private leaveToAsker(boardId: string, forMs: number): void {
    const until = performance.now() + forMs
    this.handedOver.set(boardId, until)
    setTimeout(() => {
      if (this.handedOver.get(boardId) === until) this.handedOver.delete(boardId)
    }, forMs).unref()
  }
}
