import { silentLogger, type Logger } from '../logger'
import type { CompactionResult } from './UpdateLog'

/** What waits in a board's log, and the size of the snapshot it would be folded into. */
export interface PendingLog {
  count: number
  bytes: number
  snapshotBytes: number
}

/** Options of {@link CompactionScheduler}. */
export interface CompactionSchedulerOptions {
  /**
   * Compact a board once this many updates wait in its log, per MiB of snapshot (default 1000;
   * a board under 1 MiB counts as 1 MiB). Scaling by size keeps the cost of compaction, which
   * re-encodes the whole board, a small share of the work whatever the board's size.
   */
  readonly compactAfterUpdates?: number
  /** Compact a board once its logged updates add up to this many bytes (default 4 MiB). */
  readonly compactAfterBytes?: number
  /** Where compaction outcomes and failures are reported. */
  readonly logger?: Logger
}

const MIB = 1024 * 1024

/**
 * When to fold a board's log into its snapshot, for any backend: counts what each board's log
 * holds, starts a compaction once it passes the threshold, runs at most one per board at a time
 * (concurrent calls share it), reports failures (a failed compaction only leaves the log
 * longer), and lets running compactions finish on close.
 */
export class CompactionScheduler {
  private readonly pending = new Map<string, PendingLog>()
  private readonly running = new Map<string, Promise<CompactionResult>>()
  private readonly compactAfterUpdates: number
  private readonly compactAfterBytes: number
  private readonly logger: Logger
  private closing = false

  /**
   * @param run Folds one board's log; see UpdateLog.compact. It reports what is left through
   *   {@link counted}.
   * @param count What a board's log holds, the append just made included, when nothing was
   *   counted yet (an append before any load); undefined when that is not known without asking
   *   the database.
   */
  constructor(
    private readonly run: (boardId: string) => Promise<CompactionResult>,
    private readonly count: (boardId: string) => PendingLog | undefined,
    options: CompactionSchedulerOptions,
  ) {
    this.compactAfterUpdates = options.compactAfterUpdates ?? 1000
    this.compactAfterBytes = options.compactAfterBytes ?? 4 * MIB
    this.logger = options.logger ?? silentLogger
  }

  /** Records what a board's log holds (after loading it, or after a compaction). */
  counted(boardId: string, pending: PendingLog): void {
    this.pending.set(boardId, pending)
  }

  /** Records one durable append, and starts a compaction once the log has grown enough. */
  appended(boardId: string, bytes: number): void {
    const known = this.pending.get(boardId)
    const pending = known ?? this.count(boardId)
    if (!pending) return
    if (known) {
      pending.count++
      pending.bytes += bytes
    }
    this.pending.set(boardId, pending)
    const maxCount = this.compactAfterUpdates * Math.max(1, pending.snapshotBytes / MIB)
    if (
      !this.running.has(boardId) &&
      (pending.count >= maxCount || pending.bytes >= this.compactAfterBytes)
    ) {
      // Fire and forget: compact() logs its own failures, and the next append past the
      // threshold tries again.
      void this.compact(boardId)
    }
  }

  /** Compacts a board now, or joins the compaction already running for it. */
  compact(boardId: string): Promise<CompactionResult> {
    const running = this.running.get(boardId)
    if (running) return running
    if (this.closing) return Promise.resolve({ compactedUpdates: 0 })
    const compaction = this.run(boardId)
      .catch((error: unknown) => {
        this.logger.error('compaction.failed', { boardId, error })
        return { compactedUpdates: 0 }
      })
      .finally(() => this.running.delete(boardId))
    this.running.set(boardId, compaction)
    return compaction
  }

  /** Refuses new compactions and waits for the running ones. */
  async close(): Promise<void> {
    this.closing = true
    await Promise.all(this.running.values())
  }
}
