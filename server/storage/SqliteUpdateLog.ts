import type { SerializedSchema } from '@tldraw/store'
import { silentLogger, type Logger } from '../logger'
import type { MergeUpdates } from './MergeWorker'
import { asBuffer, type SqliteDatabase } from './SqliteDatabase'
import { appendLedgerEntries } from './sqliteLedger'
import type {
  BatchAppender,
  BoardEntry,
  CompactionResult,
  LogEntry,
  StoredDocument,
  UpdateLog,
} from './UpdateLog'

/** Options of {@link SqliteUpdateLog}. */
export interface SqliteUpdateLogOptions {
  /** Merges a snapshot with updates, off the event loop (a MergeWorker). */
  readonly merge: MergeUpdates
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
  /** Called after each committed append (the checkpoint worker checkpoints it soon). */
  readonly onCommit?: () => void
}

/** What waits in a board's log, and the size of the snapshot it would be folded into. */
interface Pending {
  count: number
  bytes: number
  snapshotBytes: number
}

const MIB = 1024 * 1024

/**
 * Boards' documents in SQLite: every accepted update is one row of an append-only log, written
 * synchronously (durable when `append` returns); a background compaction folds the log into the
 * board's snapshot once it grows past a threshold.
 */
export class SqliteUpdateLog implements UpdateLog, BatchAppender {
  private readonly pending = new Map<string, Pending>()
  private readonly compactions = new Map<string, Promise<CompactionResult>>()
  private readonly compactAfterUpdates: number
  private readonly compactAfterBytes: number
  private readonly logger: Logger
  private closing = false
  /** One transaction for any number of appends, made once: this runs for nearly every update. */
  private readonly appendInTransaction: (entries: readonly BoardEntry[]) => void

  constructor(
    private readonly database: SqliteDatabase,
    private readonly options: SqliteUpdateLogOptions,
  ) {
    this.compactAfterUpdates = options.compactAfterUpdates ?? 1000
    this.compactAfterBytes = options.compactAfterBytes ?? 4 * MIB
    this.logger = options.logger ?? silentLogger
    this.appendInTransaction = database.db.transaction((entries: readonly BoardEntry[]) => {
      for (const { boardId, entry } of entries) this.insert(boardId, entry)
    })
  }

  async load(boardId: string): Promise<StoredDocument | undefined> {
    // One read transaction, so the snapshot and the log agree even if a compaction commits in
    // between (it cannot here, being on this thread, but the invariant should not rely on it).
    return this.database.db.transaction(() => {
      const row = this.database
        .statement(
          `SELECT snapshots.state, snapshots.up_to_seq, boards.schema FROM snapshots
            JOIN boards ON boards.id = snapshots.board_id WHERE snapshots.board_id = ?`,
        )
        .get(boardId) as { state: Buffer; up_to_seq: number; schema: string | null } | undefined
      if (!row) return undefined
      const updates = this.database
        .statement('SELECT data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq')
        .pluck()
        .all(boardId, row.up_to_seq) as Buffer[]
      this.pending.set(boardId, {
        count: updates.length,
        bytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
        snapshotBytes: row.state.byteLength,
      })
      return {
        snapshot: row.state,
        updates,
        schema: row.schema === null ? null : (JSON.parse(row.schema) as SerializedSchema),
      }
    })()
  }

  append(boardId: string, entry: LogEntry): void {
    this.appendAll([{ boardId, entry }])
  }

  /**
   * Appends entries of any boards in one transaction: all of them or none. One commit writes
   * each touched page once, however many updates changed it, instead of once per update.
   */
  appendAll(entries: readonly BoardEntry[]): void {
    // Counted before the rows go in, for a board whose log this process has not counted yet.
    for (const { boardId } of entries) {
      if (!this.pending.has(boardId)) this.pending.set(boardId, this.countPending(boardId))
    }
    this.appendInTransaction(entries)
    this.options.onCommit?.()
    for (const { boardId, entry } of entries) {
      const pending = this.pending.get(boardId) as Pending
      pending.count++
      pending.bytes += entry.update.byteLength
      this.pending.set(boardId, pending)
      const maxCount = this.compactAfterUpdates * Math.max(1, pending.snapshotBytes / MIB)
      if (
        !this.compactions.has(boardId) &&
        (pending.count >= maxCount || pending.bytes >= this.compactAfterBytes)
      ) {
        // Fire and forget: compact() logs its own failures, and a failed compaction only means
        // the log stays longer; the next append past the threshold tries again.
        void this.compact(boardId)
      }
    }
  }

  /** One entry's rows; call inside a transaction. */
  private insert(boardId: string, entry: LogEntry): void {
    // The next number of this board's log, read in the transaction: past its last update, and
    // past what its snapshot holds (a compaction may have deleted every update).
    const seq = this.database
      .statement(
        `SELECT max(coalesce((SELECT max(seq) FROM updates WHERE board_id = @board), 0),
          coalesce((SELECT up_to_seq FROM snapshots WHERE board_id = @board), 0)) + 1`,
      )
      .pluck()
      .get({ board: boardId }) as number
    this.database
      .statement('INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)')
      .run(boardId, seq, asBuffer(entry.update))
    if (entry.ledger?.length) appendLedgerEntries(this.database, boardId, entry.ledger)
    if (entry.schema) {
      this.database
        .statement('UPDATE boards SET schema = ? WHERE id = ?')
        .run(JSON.stringify(entry.schema), boardId)
    }
  }

  compact(boardId: string): Promise<CompactionResult> {
    const running = this.compactions.get(boardId)
    if (running) return running
    if (this.closing) return Promise.resolve({ compactedUpdates: 0 })
    const compaction = this.runCompaction(boardId)
      .catch((error: unknown) => {
        this.logger.error('compaction.failed', { boardId, error })
        return { compactedUpdates: 0 }
      })
      .finally(() => this.compactions.delete(boardId))
    this.compactions.set(boardId, compaction)
    return compaction
  }

  /** Refuses new compactions and waits for the running ones. */
  async close(): Promise<void> {
    this.closing = true
    await Promise.all(this.compactions.values())
  }

  private async runCompaction(boardId: string): Promise<CompactionResult> {
    // Read on this thread, before the first await: everything up to `lastSeq` goes into the
    // merge, and anything appended while the worker merges has a larger seq and is left alone.
    const read = this.database.db.transaction(() => {
      const snapshot = this.database
        .statement('SELECT state, up_to_seq FROM snapshots WHERE board_id = ?')
        .get(boardId) as { state: Buffer; up_to_seq: number } | undefined
      const rows = this.database
        .statement('SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq')
        .all(boardId, snapshot?.up_to_seq ?? 0) as { seq: number; data: Buffer }[]
      return { snapshot, rows }
    })()
    const last = read.rows.at(-1)
    if (!read.snapshot || !last) return { compactedUpdates: 0 }
    const started = performance.now()
    const merged = await this.options.merge(
      read.snapshot.state,
      read.rows.map((row) => row.data),
    )
    // Snapshot and deletion commit together: a crash leaves either the old snapshot with the
    // whole log, or the new snapshot with only the newer updates. Both load the same document.
    this.database.db.transaction(() => {
      this.database
        .statement('UPDATE snapshots SET state = ?, up_to_seq = ? WHERE board_id = ?')
        .run(asBuffer(merged), last.seq, boardId)
      this.database
        .statement('DELETE FROM updates WHERE board_id = ? AND seq <= ?')
        .run(boardId, last.seq)
    })()
    this.options.onCommit?.()
    this.pending.set(boardId, this.countPending(boardId))
    this.logger.info('compaction.done', {
      boardId,
      compactedUpdates: read.rows.length,
      snapshotBytes: merged.byteLength,
      ms: Math.round(performance.now() - started),
    })
    return { compactedUpdates: read.rows.length }
  }

  private countPending(boardId: string): Pending {
    return this.database
      .statement(
        `SELECT count(*) AS count, coalesce(sum(length(data)), 0) AS bytes,
          (SELECT length(state) FROM snapshots WHERE board_id = ?) AS snapshotBytes
        FROM updates WHERE board_id = ?`,
      )
      .get(boardId, boardId) as Pending
  }
}
