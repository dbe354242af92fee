import type { BatchAppender, BoardEntry, LogEntry, UpdateLog } from './UpdateLog'

/** An append waiting for its turn's commit. */
interface Waiting extends BoardEntry {
  resolve(): void
  reject(error: unknown): void
}

/**
 * Gathers the appends made in one turn of the event loop, from every room, into one transaction
 * of the log underneath, committed once the turn's frames were read. One commit then writes each
 * page it touched once, however many updates changed it, and the relays of every room wait for
 * that one commit instead of one each (rooms deliver once their append is durable; see
 * DurablePipeline). Appends keep their order, so one board's stay in call order.
 *
 * Transactions run one at a time. A log that commits synchronously (SQLite) is done with each
 * turn's within that turn; one that commits over the network (PostgreSQL) gets, once its
 * transaction is done, everything appended meanwhile as the next (group commit), so a round trip
 * of latency costs one transaction, not one per turn, and no two of them ever race.
 *
 * A batch that fails is tried again entry by entry, so one board's bad append fails only that
 * board's room, not every room that wrote in the same turn.
 */
export class TurnBatchedLog implements UpdateLog {
  private waiting: Waiting[] = []
  private scheduled = false
  private committing: Promise<void> | undefined

  constructor(private readonly log: UpdateLog & BatchAppender) {}

  load(boardId: string) {
    return this.log.load(boardId)
  }

  compact(boardId: string) {
    return this.log.compact(boardId)
  }

  append(boardId: string, entry: LogEntry): Promise<void> {
    if (!this.scheduled && !this.committing) {
      this.scheduled = true
      setImmediate(() => {
        this.scheduled = false
        this.committing ??= this.commitWaiting()
      })
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ boardId, entry, resolve, reject })
    })
  }

  /** Commits what waits, then what was appended meanwhile, until nothing waits. */
  private async commitWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting
      this.waiting = []
      try {
        await this.log.appendAll(batch)
        for (const one of batch) one.resolve()
      } catch {
        await this.commitOneByOne(batch)
      }
    }
    this.committing = undefined
  }

  /**
   * After a failed batch: each entry in its own transaction. The entries of a board after one of
   * its own failed are not tried (its room breaks and forgets them), so a log never has a gap.
   */
  private async commitOneByOne(batch: readonly Waiting[]): Promise<void> {
    const failed = new Map<string, unknown>()
    for (const one of batch) {
      const earlier = failed.get(one.boardId)
      if (failed.has(one.boardId)) {
        one.reject(earlier)
        continue
      }
      try {
        await this.log.appendAll([one])
        one.resolve()
      } catch (error) {
        failed.set(one.boardId, error)
        one.reject(error)
      }
    }
  }
}
