import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { BoardInfo, ParticipantProfile } from '../../shared/api'
import type { CreditLevel } from '../../shared/credit'
import type { LicenceChoice, LicenceId } from '../../shared/export/licences'
import {
  sealEntries,
  type LedgerAction,
  type LedgerDraft,
  type LedgerEntry,
  type LedgerHead,
} from '../../shared/ledger'
import type { RoleId } from '../../shared/roles'
import { silentLogger, type Logger } from '../logger'
import type {
  BoardStorage,
  CompactionResult,
  LedgerQuery,
  RecordedLicenceChoice,
  StoredBoard,
  StoredParticipant,
} from './BoardStorage'
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
  /** The end of each board's ledger chain, read once per board and kept current by appends. */
  private readonly ledgerHeads = new Map<string, LedgerHead>()
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

  createBoard(
    info: BoardInfo,
    initialState: Uint8Array,
    options: { creator?: StoredParticipant; ledger?: readonly LedgerDraft[] } = {},
  ): void {
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
      if (options.creator) this.addParticipant(options.creator)
      if (options.ledger?.length) this.appendLedger(info.id, options.ledger)
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

  appendUpdate(boardId: string, update: Uint8Array, ledger?: readonly LedgerDraft[]): void {
    const pending = this.pending.get(boardId) ?? this.countPending(boardId)
    if (ledger?.length) this.appendUpdateWithLedger(boardId, update, ledger)
    else this.insertUpdate(boardId, update)
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

  addParticipant(participant: StoredParticipant): void {
    this.statement(
      `INSERT INTO participants (id, board_id, name, role, role_other, credit, pseudonym, color,
        token_hash, added_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      participant.id,
      participant.boardId,
      participant.name,
      participant.role,
      participant.roleOther,
      participant.credit,
      participant.pseudonym,
      participant.color,
      participant.tokenHash && asBuffer(participant.tokenHash),
      participant.addedBy,
      participant.createdAt,
    )
  }

  getParticipant(participantId: string): StoredParticipant | undefined {
    const row = this.statement('SELECT * FROM participants WHERE id = ?').get(participantId) as
      ParticipantRow | undefined
    return row && participantFromRow(row)
  }

  updateParticipant(profile: ParticipantProfile): void {
    this.statement(
      `UPDATE participants SET name = ?, role = ?, role_other = ?, credit = ?, pseudonym = ?
        WHERE id = ?`,
    ).run(
      profile.name,
      profile.role,
      profile.roleOther,
      profile.credit,
      profile.pseudonym,
      profile.id,
    )
  }

  listParticipants(boardId: string): StoredParticipant[] {
    const rows = this.statement(
      'SELECT * FROM participants WHERE board_id = ? ORDER BY created_at, rowid',
    ).all(boardId) as ParticipantRow[]
    return rows.map(participantFromRow)
  }

  readLedger(boardId: string, query: LedgerQuery = {}): LedgerEntry[] {
    const rows = (
      query.recordId !== undefined
        ? this.statement(
            'SELECT * FROM ledger WHERE board_id = ? AND record_id = ? ORDER BY seq',
          ).all(boardId, query.recordId)
        : query.authorshipOnly
          ? this.statement(
              "SELECT * FROM ledger WHERE board_id = ? AND action != 'arranged' ORDER BY seq",
            ).all(boardId)
          : this.statement('SELECT * FROM ledger WHERE board_id = ? ORDER BY seq').all(boardId)
    ) as LedgerRow[]
    return rows.map(entryFromRow)
  }

  getLicence(boardId: string): LicenceChoice | undefined {
    const row = this.statement(
      'SELECT licence, set_by, set_at FROM board_licences WHERE board_id = ?',
    ).get(boardId) as { licence: string; set_by: string; set_at: number } | undefined
    return row && { id: row.licence as LicenceId, setBy: row.set_by, setAt: row.set_at }
  }

  setLicence(boardId: string, choice: RecordedLicenceChoice): void {
    this.statement(
      `INSERT INTO board_licences (board_id, licence, set_by, set_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (board_id) DO UPDATE SET licence = excluded.licence, set_by = excluded.set_by,
          set_at = excluded.set_at`,
    ).run(boardId, choice.id, choice.setBy, choice.setAt)
  }

  private insertUpdate(boardId: string, update: Uint8Array): void {
    this.statement('INSERT INTO updates (board_id, data) VALUES (?, ?)').run(
      boardId,
      asBuffer(update),
    )
  }

  /**
   * One transaction: an update is never on disk without its ledger entries, nor the reverse.
   * Made once: this runs for nearly every update, and wrapping a function per call costs.
   */
  private appendUpdateWithLedger(
    boardId: string,
    update: Uint8Array,
    ledger: readonly LedgerDraft[],
  ): void {
    this.appendWithLedger ??= this.db.transaction(
      (id: string, bytes: Uint8Array, drafts: readonly LedgerDraft[]) => {
        this.insertUpdate(id, bytes)
        this.appendLedger(id, drafts)
      },
    )
    this.appendWithLedger(boardId, update, ledger)
  }

  private appendWithLedger:
    ((boardId: string, update: Uint8Array, ledger: readonly LedgerDraft[]) => void) | undefined

  /** Seals drafts onto the board's chain and inserts them; call inside a transaction. */
  private appendLedger(boardId: string, drafts: readonly LedgerDraft[]): void {
    const head = this.ledgerHeads.get(boardId) ?? this.readLedgerHead(boardId)
    const sealed = sealEntries(boardId, head, drafts)
    const insert = this.statement(
      `INSERT INTO ledger (board_id, seq, at, participant_id, written_down_by, action, record_id,
        record_type, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const e of sealed.entries) {
      insert.run(
        boardId,
        e.seq,
        e.at,
        e.participantId,
        e.writtenDownBy,
        e.action,
        e.recordId,
        e.recordType,
        e.prevHash,
        e.hash,
      )
    }
    // Only once every insert succeeded: a failed transaction leaves the cached head as it was.
    this.ledgerHeads.set(boardId, sealed.head)
  }

  private readLedgerHead(boardId: string): LedgerHead {
    const row = this.statement(
      'SELECT seq, hash FROM ledger WHERE board_id = ? ORDER BY seq DESC LIMIT 1',
    ).get(boardId) as { seq: number; hash: string } | undefined
    return row ?? { seq: 0, hash: '0'.repeat(64) }
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

interface ParticipantRow {
  id: string
  board_id: string
  name: string
  role: string
  role_other: string | null
  credit: string
  pseudonym: string | null
  color: string
  token_hash: Buffer | null
  added_by: string | null
  created_at: number
}

function participantFromRow(row: ParticipantRow): StoredParticipant {
  return {
    id: row.id,
    boardId: row.board_id,
    name: row.name,
    role: row.role as RoleId,
    roleOther: row.role_other,
    credit: row.credit as CreditLevel,
    pseudonym: row.pseudonym,
    color: row.color,
    withoutDevice: row.token_hash === null,
    addedBy: row.added_by,
    createdAt: row.created_at,
    tokenHash: row.token_hash,
  }
}

interface LedgerRow {
  board_id: string
  seq: number
  at: number
  participant_id: string
  written_down_by: string | null
  action: string
  record_id: string
  record_type: string
  prev_hash: string
  hash: string
}

function entryFromRow(row: LedgerRow): LedgerEntry {
  return {
    boardId: row.board_id,
    seq: row.seq,
    at: row.at,
    participantId: row.participant_id,
    writtenDownBy: row.written_down_by,
    action: row.action as LedgerAction,
    recordId: row.record_id,
    recordType: row.record_type,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

/** better-sqlite3 binds Buffers, not plain Uint8Arrays; this is a view, not a copy. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
