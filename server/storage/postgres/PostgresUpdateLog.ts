import type { SerializedSchema } from '@tldraw/store'
import { EMPTY_LEDGER_HEAD, sealEntries, type LedgerHead } from '../../../shared/ledger'
import { silentLogger, type Logger } from '../../logger'
import { asBuffer } from '../asBuffer'
import { CompactionScheduler, type CompactionSchedulerOptions } from '../CompactionScheduler'
import type { MergeUpdates } from '../MergeWorker'
import { nativeSha256Hex } from '../nativeSha256Hex'
import {
  BoardMovedError,
  type BatchAppender,
  type BoardEntry,
  type CompactionResult,
  type LogEntry,
  type StoredDocument,
  type UpdateLog,
} from '../UpdateLog'
import { hasSqlState, type PostgresDatabase } from './PostgresDatabase'
import { insertLedgerEntries, ledgerColumns } from './postgresLedger'

/** Options of {@link PostgresUpdateLog}. */
export interface PostgresUpdateLogOptions extends CompactionSchedulerOptions {
  /** Merges a snapshot with updates, off the event loop (a MergeWorker). */
  readonly merge: MergeUpdates
}

/**
 * Boards' documents in PostgreSQL. `appendAll` writes the entries of any boards in one
 * statement, so one round trip and one transaction: all of them or nothing, and the promise
 * settles once it has committed. The server puts a TurnBatchedLog in front, which hands it the
 * appends of a whole turn of the event loop from every room, and, while one transaction is under
 * way, everything that arrives meanwhile as the next (group commit): throughput is then not one
 * commit per update, and every update is still durable before a room relays it. Transactions run
 * one at a time, in call order, so one board's appends are stored in the order they were made.
 * Once a board's appends fail, every later one of that board fails too until the board is loaded
 * again, so the log never holds an update without the ones before it.
 *
 * Every append carries its room's fence, and the database refuses it if the board changed hands
 * (server/storage/postgres/postgresMigrations.ts). The ledger's end is kept from the last load
 * or append only as a guess: the database refuses an entry that does not follow the stored end
 * of the chain, so a wrong guess can never fork the chain; the append is tried once more from
 * the stored end, and if that fails too the room breaks (and reloads).
 */
export class PostgresUpdateLog implements UpdateLog, BatchAppender {
  private readonly heads = new Map<string, LedgerHead>()
  /** Why a board's appends failed, until it is loaded again. */
  private readonly broken = new Map<string, unknown>()
  private tail: Promise<unknown> = Promise.resolve()
  private readonly scheduler: CompactionScheduler
  private readonly logger: Logger

  constructor(
    private readonly database: PostgresDatabase,
    private readonly options: PostgresUpdateLogOptions,
  ) {
    this.logger = options.logger ?? silentLogger
    this.scheduler = new CompactionScheduler(
      (boardId) => this.runCompaction(boardId),
      () => undefined,
      options,
    )
  }

  async load(boardId: string): Promise<StoredDocument | undefined> {
    const row = await this.read(boardId)
    if (!row) return undefined
    this.heads.set(boardId, row.head)
    // A fresh start for a board whose room broke: its next appends follow what is stored.
    this.broken.delete(boardId)
    this.scheduler.counted(boardId, {
      count: row.updates.length,
      bytes: row.updates.reduce((sum, update) => sum + update.byteLength, 0),
      snapshotBytes: row.state.byteLength,
    })
    return {
      snapshot: row.state,
      updates: row.updates,
      schema: row.schema,
    }
  }

  append(boardId: string, entry: LogEntry): Promise<void> {
    return this.appendAll([{ boardId, entry }])
  }

  /** Appends entries of any boards in one transaction, after the ones called before. */
  appendAll(entries: readonly BoardEntry[]): Promise<void> {
    const written = this.tail.then(() => this.write(entries))
    this.tail = written.catch(() => undefined)
    return written
  }

  compact(boardId: string): Promise<CompactionResult> {
    return this.scheduler.compact(boardId)
  }

  /** Waits for the appends under way, then refuses new compactions and waits for the running. */
  async close(): Promise<void> {
    await this.tail
    await this.scheduler.close()
  }

  private async write(entries: readonly BoardEntry[]): Promise<void> {
    const boards = [...new Set(entries.map(({ boardId }) => boardId))]
    for (const boardId of boards) {
      if (this.broken.has(boardId)) throw this.broken.get(boardId)
    }
    try {
      await this.insertOnChain(entries, boards)
    } catch (error) {
      const refused = hasSqlState(error, 'CM409')
        ? new BoardMovedError((error as Error).message)
        : error
      // Any board's guess may be what was wrong; the next append reads the stored ends.
      for (const boardId of boards) this.heads.delete(boardId)
      // Only when the entries are one board's is it surely that board that failed (a batch of
      // several is tried again board by board: see TurnBatchedLog).
      if (boards.length === 1) this.broken.set(boards[0] as string, refused)
      throw refused
    }
    for (const { boardId, entry } of entries) {
      this.scheduler.appended(boardId, entry.update.byteLength)
    }
  }

  /**
   * Inserts the entries; if a board's chain grew since its end was kept (the repository appends
   * facilitation steps, in this process or another), once more from the stored ends. The first
   * try was one statement, so nothing of it was stored.
   */
  private async insertOnChain(
    entries: readonly BoardEntry[],
    boards: readonly string[],
  ): Promise<void> {
    try {
      await this.insert(entries, boards)
    } catch (error) {
      if (!isOffTheChain(error)) throw error
      for (const boardId of boards) this.heads.delete(boardId)
      await this.insert(entries, boards)
    }
  }

  private async insert(entries: readonly BoardEntry[], boards: readonly string[]): Promise<void> {
    const heads = await this.headsOf(
      boards.filter((boardId) =>
        entries.some((e) => e.boardId === boardId && e.entry.ledger?.length),
      ),
    )
    const sealed = [...heads].flatMap(([boardId, head]) => {
      const drafts = entries.flatMap((e) => (e.boardId === boardId ? (e.entry.ledger ?? []) : []))
      const { entries: sealedEntries, head: next } = sealEntries(
        boardId,
        head,
        drafts,
        nativeSha256Hex,
      )
      heads.set(boardId, next)
      return sealedEntries
    })
    const schemas = new Map<string, string>()
    for (const { boardId, entry } of entries) {
      if (entry.schema) schemas.set(boardId, JSON.stringify(entry.schema))
    }
    // One statement, so one round trip and its own transaction: all of it or nothing. Rows go in
    // in the order given, so each board's updates get increasing seqs in call order.
    await this.database.pool.query(
      `WITH appended AS (
          INSERT INTO updates (board_id, fence, data)
          SELECT u.board_id, u.fence, u.data
          FROM unnest($1::text[], $2::bigint[], $3::bytea[]) WITH ORDINALITY AS u (board_id, fence,
            data, n)
          ORDER BY u.n
          RETURNING seq
        ), sealed AS (${insertLedgerEntries(4)} RETURNING seq
        ), schema_set AS (
          UPDATE boards SET schema = s.schema
          FROM unnest($14::text[], $15::text[]) AS s (board_id, schema)
          WHERE boards.id = s.board_id RETURNING boards.id
        )
        SELECT (SELECT count(*) FROM appended) AS updates, (SELECT count(*) FROM sealed) AS entries,
          (SELECT count(*) FROM schema_set) AS schemas`,
      [
        entries.map(({ boardId }) => boardId),
        entries.map(({ entry }) => entry.fence ?? 0),
        entries.map(({ entry }) => asBuffer(entry.update)),
        ...ledgerColumns(sealed),
        [...schemas.keys()],
        [...schemas.values()],
      ],
    )
    for (const [boardId, head] of heads) this.heads.set(boardId, head)
  }

  /** The end of each board's chain: the one kept, or else the one stored (one query for all). */
  private async headsOf(boards: readonly string[]): Promise<Map<string, LedgerHead>> {
    const heads = new Map<string, LedgerHead>()
    const unknown: string[] = []
    for (const boardId of boards) {
      const known = this.heads.get(boardId)
      if (known) heads.set(boardId, known)
      else unknown.push(boardId)
    }
    if (unknown.length === 0) return heads
    const { rows } = await this.database.pool.query<LedgerHead & { board_id: string }>(
      `SELECT DISTINCT ON (board_id) board_id, seq, hash FROM ledger
        WHERE board_id = ANY($1::text[]) ORDER BY board_id, seq DESC`,
      [unknown],
    )
    const stored = new Map(rows.map((row) => [row.board_id, { seq: row.seq, hash: row.hash }]))
    for (const boardId of unknown) heads.set(boardId, stored.get(boardId) ?? EMPTY_LEDGER_HEAD)
    return heads
  }

  /**
   * A board's snapshot and the updates logged since, in one statement, so they agree even while
   * a compaction commits. One row per update: node-postgres parses an array of them (array_agg)
   * one character at a time, which held the event loop, and so every board, for seconds when
   * a full board loaded or compacted.
   */
  private async read(boardId: string): Promise<StoredRows | undefined> {
    const { rows } = await this.database.pool.query<{
      state: Buffer | null
      schema: string | null
      up_to_seq: number | null
      head_seq: number | null
      head_hash: string | null
      seq: number | null
      data: Buffer | null
    }>(
      `SELECT s.state, b.schema, s.up_to_seq, l.seq AS head_seq, l.hash AS head_hash,
          NULL::bigint AS seq, NULL::bytea AS data
        FROM boards b JOIN snapshots s ON s.board_id = b.id
        LEFT JOIN LATERAL (SELECT seq, hash FROM ledger WHERE board_id = b.id ORDER BY seq DESC
          LIMIT 1) l ON true
        WHERE b.id = $1
      UNION ALL
      SELECT NULL, NULL, NULL, NULL, NULL, u.seq, u.data FROM updates u WHERE u.board_id = $1
      ORDER BY seq NULLS FIRST`,
      [boardId],
    )
    const [board, ...logged] = rows
    if (!board?.state) return undefined
    return {
      state: board.state,
      schema: board.schema === null ? null : (JSON.parse(board.schema) as SerializedSchema),
      upToSeq: board.up_to_seq ?? 0,
      head:
        board.head_seq === null
          ? EMPTY_LEDGER_HEAD
          : { seq: board.head_seq, hash: board.head_hash ?? '' },
      seqs: logged.map((row) => row.seq ?? 0),
      updates: logged.map((row) => row.data ?? Buffer.alloc(0)),
    }
  }

  private async runCompaction(boardId: string): Promise<CompactionResult> {
    const read = await this.read(boardId)
    if (!read?.updates.length) return { compactedUpdates: 0 }
    const started = performance.now()
    const merged = await this.options.merge(read.state, read.updates)
    const lastSeq = read.seqs.at(-1)
    // The snapshot is replaced only if nobody compacted since it was read, and exactly the
    // folded updates are deleted with it: updates appended meanwhile are kept for the next one.
    const compacted = await this.database.transaction(async (client) => {
      const replaced = await client.query(
        'UPDATE snapshots SET state = $2, up_to_seq = $3 WHERE board_id = $1 AND up_to_seq = $4',
        [boardId, asBuffer(merged), lastSeq, read.upToSeq],
      )
      if (replaced.rowCount !== 1) return false
      await client.query('DELETE FROM updates WHERE board_id = $1 AND seq = ANY($2::bigint[])', [
        boardId,
        read.seqs,
      ])
      return true
    })
    if (!compacted) return { compactedUpdates: 0 }
    const left = await this.database.pool.query<{ count: number; bytes: number }>(
      `SELECT count(*) AS count, coalesce(sum(length(data)), 0)::bigint AS bytes
        FROM updates WHERE board_id = $1`,
      [boardId],
    )
    this.scheduler.counted(boardId, {
      count: left.rows[0]?.count ?? 0,
      bytes: left.rows[0]?.bytes ?? 0,
      snapshotBytes: merged.byteLength,
    })
    this.logger.info('compaction.done', {
      boardId,
      compactedUpdates: read.seqs.length,
      snapshotBytes: merged.byteLength,
      ms: Math.round(performance.now() - started),
    })
    return { compactedUpdates: read.seqs.length }
  }
}

/** What {@link PostgresUpdateLog} reads of a board: its snapshot, and its log in order. */
interface StoredRows {
  readonly state: Buffer
  readonly schema: SerializedSchema | null
  /** The last update the snapshot folded in. */
  readonly upToSeq: number
  /** The end of the board's ledger chain. */
  readonly head: LedgerHead
  readonly seqs: readonly number[]
  readonly updates: readonly Buffer[]
}

/**
 * True when ledger entries were refused for not following their board's stored chain: the entry
 * before did not match (CM412), or its sequence number was taken (the primary key).
 */
function isOffTheChain(error: unknown): boolean {
  return (
    hasSqlState(error, 'CM412') ||
    (hasSqlState(error, '23505') &&
      (error as { constraint?: unknown }).constraint === 'ledger_pkey')
  )
}
