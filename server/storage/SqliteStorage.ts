import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { BoardInfo } from '../../shared/api'
import { silentLogger, type Logger } from '../logger'
import type { BoardStorage, CompactionResult, StoredBoard } from './BoardStorage'
import { MergeWorker, type MergeUpdates } from './MergeWorker'
import { migrate } from './sqliteMigrations'

/** Options of {@link SqliteStorage.open}. */
export interface SqliteStorageOptions {
  /** Path of the database file. Its folder is created when missing. */
  readonly file: string
  /**
   * Compact a board once this many updates wait in its log, per MiB of snapshot (default 1000;
   * a board under 1 MiB counts as 1 MiB). Scaling by size keeps the cost of compaction, which
   * re-encodes the whole board, a small share of the work whatever the board's size.
   */
  readonly compactAfterUpdates?: number
  /** Compact a board once its logged updates add up to this many bytes (default 4 MiB). */
  readonly compactAfterBytes?: number
  /**
   * Merges a snapshot with updates. Defaults to a {@link MergeWorker}, whose worker thread the
   * storage then owns and stops on close.
   */
  readonly merge?: MergeUpdates
  /** Where compaction outcomes and failures are reported. */
  readonly logger?: Logger
}

/** What waits in a board's log, and the size of the snapshot it would be folded into. */
interface Pending {
  count: number
  bytes: number
  snapshotBytes: number
}

const MIB = 1024 * 1024

/**
 * Boards in an embedded SQLite database (WAL mode). Every accepted update is one row in an
 * append-only log, written synchronously; a background compaction folds the log into the
 * board's snapshot once it grows past a threshold.
 *
 * Durability: with WAL and `synchronous = NORMAL` a committed append survives the process being
 * killed at any moment (it is in the WAL file); only a power cut can lose the last few
 * transactions. FULL would fsync every keystroke and cost milliseconds per edit.
 */
export class SqliteStorage implements BoardStorage {
  private readonly pending = new Map<string, Pending>()
  private readonly compactions = new Map<string, Promise<CompactionResult>>()
  private closing = false

  private constructor(
    private readonly db: Database.Database,
    private readonly merge: MergeUpdates,
    private readonly ownWorker: MergeWorker | undefined,
    private readonly compactAfterUpdates: number,
    private readonly compactAfterBytes: number,
    private readonly logger: Logger,
  ) {}

  /** Opens (creating and migrating if needed) the database file. */
  static open(options: SqliteStorageOptions): SqliteStorage {
    mkdirSync(dirname(options.file), { recursive: true })
    const db = new Database(options.file)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db)
    const worker = options.merge ? undefined : new MergeWorker()
    return new SqliteStorage(
      db,
      options.merge ?? (worker as MergeWorker).merge,
      worker,
      options.compactAfterUpdates ?? 1000,
      options.compactAfterBytes ?? 4 * 1024 * 1024,
      options.logger ?? silentLogger,
    )
  }

  createBoard(info: BoardInfo, initialState: Uint8Array): void {
    this.db.transaction(() => {
      this.statement('INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)').run(
        info.id,
        info.title,
        info.createdAt,
      )
      this.statement('INSERT INTO snapshots (board_id, state, up_to_seq) VALUES (?, ?, 0)').run(
        info.id,
        asBuffer(initialState),
      )
    })()
  }

  getBoard(boardId: string): BoardInfo | undefined {
    const row = this.statement('SELECT id, title, created_at FROM boards WHERE id = ?').get(
      boardId,
    ) as { id: string; title: string; created_at: number } | undefined
    return row && { id: row.id, title: row.title, createdAt: row.created_at }
  }

  loadBoard(boardId: string): StoredBoard | undefined {
    // One read transaction, so the snapshot and the log agree even if a compaction commits
    // in between (it cannot here, being on this thread, but the invariant should not rely on it).
    return this.db.transaction(() => {
      const info = this.getBoard(boardId)
      if (!info) return undefined
      const { state, up_to_seq } = this.statement(
        'SELECT state, up_to_seq FROM snapshots WHERE board_id = ?',
      ).get(boardId) as { state: Buffer; up_to_seq: number }
      const updates = this.statement(
        'SELECT data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      )
        .pluck()
        .all(boardId, up_to_seq) as Buffer[]
      this.pending.set(boardId, {
        count: updates.length,
        bytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
        snapshotBytes: state.byteLength,
      })
      return { info, snapshot: state, updates }
    })()
  }

  appendUpdate(boardId: string, update: Uint8Array): void {
    const pending = this.pending.get(boardId) ?? this.countPending(boardId)
    this.statement('INSERT INTO updates (board_id, data) VALUES (?, ?)').run(
      boardId,
      asBuffer(update),
    )
    pending.count++
    pending.bytes += update.byteLength
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

  async close(): Promise<void> {
    this.closing = true
    await Promise.all(this.compactions.values())
    // Fold the WAL back into the database file so the data folder is one self-contained file.
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
    await this.ownWorker?.close()
  }

  private async runCompaction(boardId: string): Promise<CompactionResult> {
    // Read on this thread, before the first await: everything up to `lastSeq` goes into the
    // merge, and anything appended while the worker merges has a larger seq and is left alone.
    const read = this.db.transaction(() => {
      const snapshot = this.statement(
        'SELECT state, up_to_seq FROM snapshots WHERE board_id = ?',
      ).get(boardId) as { state: Buffer; up_to_seq: number } | undefined
      const rows = this.statement(
        'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      ).all(boardId, snapshot?.up_to_seq ?? 0) as { seq: number; data: Buffer }[]
      return { snapshot, rows }
    })()
    const last = read.rows.at(-1)
    if (!read.snapshot || !last) return { compactedUpdates: 0 }
    const started = performance.now()
    const merged = await this.merge(
      read.snapshot.state,
      read.rows.map((row) => row.data),
    )
    // Snapshot and deletion commit together: a crash leaves either the old snapshot with the
    // whole log, or the new snapshot with only the newer updates. Both load the same document.
    this.db.transaction(() => {
      this.statement('UPDATE snapshots SET state = ?, up_to_seq = ? WHERE board_id = ?').run(
        asBuffer(merged),
        last.seq,
        boardId,
      )
      this.statement('DELETE FROM updates WHERE board_id = ? AND seq <= ?').run(boardId, last.seq)
    })()
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
    return this.statement(
      `SELECT count(*) AS count, coalesce(sum(length(data)), 0) AS bytes,
        (SELECT length(state) FROM snapshots WHERE board_id = ?) AS snapshotBytes
      FROM updates WHERE board_id = ?`,
    ).get(boardId, boardId) as Pending
  }

  private readonly statements = new Map<string, Database.Statement>()

  /** Prepared statements are cached: preparing costs more than running a small insert. */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

/** better-sqlite3 binds Buffers, not plain Uint8Arrays; this is a view, not a copy. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
