import type { SerializedSchema } from '@tldraw/store'
import { silentLogger, type Logger } from '../logger'
import {
  CompactionScheduler,
  type CompactionSchedulerOptions,
  type PendingLog,
} from './CompactionScheduler'
import type { MergeUpdates } from './MergeWorker'
import { asBuffer } from './asBuffer'
import type { SqliteDatabase } from './SqliteDatabase'
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
export interface SqliteUpdateLogOptions extends CompactionSchedulerOptions {
  /** Merges a snapshot with updates, off the event loop (a MergeWorker). */
  readonly merge: MergeUpdates
  /** Called after each committed append (the checkpoint worker checkpoints it soon). */
  readonly onCommit?: () => void
}

/**
 * Boards' documents in SQLite: every accepted update is one row of an append-only log, written
 * synchronously (durable when `append` returns); a background compaction folds the log into the
 * board's snapshot once it grows past a threshold.
 */
export class SqliteUpdateLog implements UpdateLog, BatchAppender {
  private readonly scheduler: CompactionScheduler
  private readonly logger: Logger
  /** One transaction for any number of appends, made once: this runs for nearly every update. */
  private readonly appendInTransaction: (entries: readonly BoardEntry[]) => void

  constructor(
    private readonly database: SqliteDatabase,
    private readonly options: SqliteUpdateLogOptions,
  ) {
    this.logger = options.logger ?? silentLogger
    this.scheduler = new CompactionScheduler(
      (boardId) => this.runCompaction(boardId),
      (boardId) => this.countPending(boardId),
      options,
    )
    this.appendInTransaction = database.db.transaction((entries: readonly BoardEntry[]) => {
      for (const { boardId, entry } of entries) this.insert(boardId, entry)
    })
  }

  async load(boardId: string): Promise<StoredDocument | undefined> {
    const stored = readStoredDocument(this.database, boardId)
    if (stored) {
      this.scheduler.counted(boardId, {
        count: stored.updates.length,
        bytes: stored.updates.reduce((sum, update) => sum + update.byteLength, 0),
        snapshotBytes: stored.snapshot.byteLength,
      })
    }
    return stored
  }

  append(boardId: string, entry: LogEntry): void {
    this.appendAll([{ boardId, entry }])
  }

  /**
   * Appends entries of any boards in one transaction: all of them or none. One commit writes
   * each touched page once, however many updates changed it, instead of once per update.
   */
  appendAll(entries: readonly BoardEntry[]): void {
    this.appendInTransaction(entries)
    this.options.onCommit?.()
    for (const { boardId, entry } of entries) {
      this.scheduler.appended(boardId, entry.update.byteLength)
    }
  }

  /** One entry's rows; call inside a transaction. */
  private insert(boardId: string, entry: LogEntry): void {
    // The next number of this board's log, read in the transaction: past its last update, or,
    // when a compaction deleted every update, past what its snapshot holds. Updates left after a
    // compaction are all past the snapshot, and `coalesce` stops at the first that is not null:
    // reading `up_to_seq` walks the snapshot's whole blob (stored before it), so it is read only
    // when the log is empty.
    const seq = this.database
      .statement(
        `SELECT coalesce((SELECT max(seq) FROM updates WHERE board_id = @board),
          (SELECT up_to_seq FROM snapshots WHERE board_id = @board), 0) + 1`,
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
    return this.scheduler.compact(boardId)
  }

  /** Refuses new compactions and waits for the running ones. */
  close(): Promise<void> {
    return this.scheduler.close()
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
    this.scheduler.counted(boardId, this.countPending(boardId))
    this.logger.info('compaction.done', {
      boardId,
      compactedUpdates: read.rows.length,
      snapshotBytes: merged.byteLength,
      ms: Math.round(performance.now() - started),
    })
    return { compactedUpdates: read.rows.length }
  }

  private countPending(boardId: string): PendingLog {
    return this.database
      .statement(
        `SELECT count(*) AS count, coalesce(sum(length(data)), 0) AS bytes,
          (SELECT length(state) FROM snapshots WHERE board_id = ?) AS snapshotBytes
        FROM updates WHERE board_id = ?`,
      )
      .get(boardId, boardId) as PendingLog
  }
}

/**
 * A board's document as `database` holds it: its snapshot, the updates logged after it and its
 * schema; undefined for an unknown board. Any connection may read it, a worker thread's too.
 */
export function readStoredDocument(
  database: SqliteDatabase,
  boardId: string,
): StoredDocument | undefined {
  // One read transaction, so the snapshot and the log agree even if a compaction commits in
  // between (on another connection it can).
  return database.db.transaction(() => {
    const row = database
      .statement(
        `SELECT snapshots.state, snapshots.up_to_seq, boards.schema FROM snapshots
          JOIN boards ON boards.id = snapshots.board_id WHERE snapshots.board_id = ?`,
      )
      .get(boardId) as { state: Buffer; up_to_seq: number; schema: string | null } | undefined
    if (!row) return undefined
    const updates = database
      .statement('SELECT data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq')
      .pluck()
      .all(boardId, row.up_to_seq) as Buffer[]
    return {
      snapshot: row.state,
      updates,
      schema: row.schema === null ? null : (JSON.parse(row.schema) as SerializedSchema),
    }
  })()
}
