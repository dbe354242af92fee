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
 * A batch that fails is tried again entry by entry, so one board's bad append fails only that
 * board's room, not every room that wrote in the same turn.
 */
export class TurnBatchedLog implements UpdateLog {
  private waiting: Waiting[] = []

  constructor(private readonly log: UpdateLog & BatchAppender) {}

  load(boardId: string) {
    return this.log.load(boardId)
  }

  compact(boardId: string) {
    return this.log.compact(boardId)
  }

  append(boardId: string, entry: LogEntry): Promise<void> {
    if (this.waiting.length === 0) setImmediate(() => void this.commit())
    return new Promise((resolve, reject) => {
      this.waiting.push({ boardId, entry, resolve, reject })
    })
  }

  private async commit(): Promise<void> {
    const batch = this.waiting
    this.waiting = []
    try {
      await this.log.appendAll(batch)
      for (const one of batch) one.resolve()
    } catch {
      await this.commitOneByOne(batch)
    }
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
