import type { SerializedSchema } from '@tldraw/store'
import { EMPTY_LEDGER_HEAD, sealEntries, type LedgerHead } from '../../../shared/ledger'
import { silentLogger, type Logger } from '../../logger'
import { asBuffer } from '../asBuffer'
import { CompactionScheduler, type CompactionSchedulerOptions } from '../CompactionScheduler'
import type { MergeUpdates } from '../MergeWorker'
import {
  BoardMovedError,
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

/** One append waiting for its transaction. */
interface Waiting {
  readonly entry: LogEntry
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

/** A board's appends: the ones waiting, whether a transaction is under way, and why it broke. */
interface BoardQueue {
  waiting: Waiting[]
  writing: Promise<void> | undefined
  broken: unknown
}

/**
 * Boards' documents in PostgreSQL. Each append is a promise that settles once its transaction
 * has committed. Appends that arrive while a board's transaction is under way wait and go
 * together in the next one (group commit), in order, in a single statement: a board's
 * throughput is then not one commit per update, and every update is still durable before the
 * room relays it. Once an append fails, every later one of that board fails too until the board
 * is loaded again, so the log never holds an update without the ones before it.
 *
 * Every append carries its room's fence, and the database refuses it if the board changed hands
 * (server/storage/postgres/postgresMigrations.ts). The ledger's end is kept from the last load
 * or append only as a guess: the database refuses an entry that does not follow the stored end
 * of the chain, so a wrong guess breaks the room (which reloads) and can never fork the chain.
 */
export class PostgresUpdateLog implements UpdateLog {
  private readonly queues = new Map<string, BoardQueue>()
  private readonly heads = new Map<string, LedgerHead>()
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
    // One statement, so the snapshot and the log agree even while a compaction commits.
    const { rows } = await this.database.pool.query<{
      state: Buffer
      schema: string | null
      updates: Buffer[]
      head_seq: number | null
      head_hash: string | null
    }>(
      `SELECT s.state, b.schema,
          coalesce((SELECT array_agg(u.data ORDER BY u.seq) FROM updates u WHERE u.board_id = b.id),
            '{}') AS updates,
          l.seq AS head_seq, l.hash AS head_hash
        FROM boards b JOIN snapshots s ON s.board_id = b.id
        LEFT JOIN LATERAL (SELECT seq, hash FROM ledger WHERE board_id = b.id ORDER BY seq DESC
          LIMIT 1) l ON true
        WHERE b.id = $1`,
      [boardId],
    )
    const row = rows[0]
    if (!row) return undefined
    this.heads.set(
      boardId,
      row.head_seq === null
        ? EMPTY_LEDGER_HEAD
        : { seq: row.head_seq, hash: row.head_hash as string },
    )
    // A fresh start for a board whose room broke: its next appends follow what is stored.
    this.queues.delete(boardId)
    this.scheduler.counted(boardId, {
      count: row.updates.length,
      bytes: row.updates.reduce((sum, update) => sum + update.byteLength, 0),
      snapshotBytes: row.state.byteLength,
    })
    return {
      snapshot: row.state,
      updates: row.updates,
      schema: row.schema === null ? null : (JSON.parse(row.schema) as SerializedSchema),
    }
  }

  append(boardId: string, entry: LogEntry): Promise<void> {
    let queue = this.queues.get(boardId)
    if (!queue) {
      queue = { waiting: [], writing: undefined, broken: undefined }
      this.queues.set(boardId, queue)
    }
    if (queue.broken !== undefined) return Promise.reject(queue.broken)
    const appended = new Promise<void>((resolve, reject) =>
      (queue as BoardQueue).waiting.push({ entry, resolve, reject }),
    )
    queue.writing ??= this.write(boardId, queue)
    return appended
  }

  compact(boardId: string): Promise<CompactionResult> {
    return this.scheduler.compact(boardId)
  }

  /** Waits for the appends under way, then refuses new compactions and waits for the running. */
  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.writing))
    await this.scheduler.close()
  }

  /** Writes a board's waiting appends, as many as have gathered, one transaction at a time. */
  private async write(boardId: string, queue: BoardQueue): Promise<void> {
    // Let the appends of this turn of the event loop gather first.
    await Promise.resolve()
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0)
      try {
        await this.writeBatch(boardId, batch)
      } catch (error) {
        const refused = hasSqlState(error, 'CM409')
          ? new BoardMovedError(`Board ${boardId} is served by another process now`)
          : error
        queue.broken = refused
        this.heads.delete(boardId)
        for (const waiting of [...batch, ...queue.waiting.splice(0)]) waiting.reject(refused)
        break
      }
      for (const { entry, resolve } of batch) {
        this.scheduler.appended(boardId, entry.update.byteLength)
        resolve()
      }
    }
    queue.writing = undefined
  }

  private async writeBatch(boardId: string, batch: readonly Waiting[]): Promise<void> {
    const fence = batch[0]?.entry.fence ?? 0
    if (batch.some(({ entry }) => (entry.fence ?? 0) !== fence)) {
      throw new Error(`Appends to board ${boardId} under two fences at once`)
    }
    const drafts = batch.flatMap(({ entry }) => entry.ledger ?? [])
    const head = drafts.length > 0 ? await this.head(boardId) : EMPTY_LEDGER_HEAD
    const sealed = sealEntries(boardId, head, drafts)
    const schema = batch.findLast(({ entry }) => entry.schema)?.entry.schema
    // One statement, so one round trip and its own transaction: all of it or nothing.
    await this.database.pool.query(
      `WITH appended AS (
          INSERT INTO updates (board_id, fence, data)
          SELECT $1, $2, data FROM unnest($3::bytea[]) WITH ORDINALITY AS u (data, n) ORDER BY n
          RETURNING seq
        ), sealed AS (${insertLedgerEntries('$1', 4)} RETURNING seq
        ), schema_set AS (
          UPDATE boards SET schema = $13 WHERE id = $1 AND $13::text IS NOT NULL RETURNING id
        )
        SELECT (SELECT count(*) FROM appended) AS updates, (SELECT count(*) FROM sealed) AS entries`,
      [
        boardId,
        fence,
        batch.map(({ entry }) => asBuffer(entry.update)),
        ...ledgerColumns(sealed.entries),
        schema ? JSON.stringify(schema) : null,
      ],
    )
    if (drafts.length > 0) this.heads.set(boardId, sealed.head)
  }

  private async head(boardId: string): Promise<LedgerHead> {
    const known = this.heads.get(boardId)
    if (known) return known
    const { rows } = await this.database.pool.query<LedgerHead>(
      'SELECT seq, hash FROM ledger WHERE board_id = $1 ORDER BY seq DESC LIMIT 1',
      [boardId],
    )
    return rows[0] ?? EMPTY_LEDGER_HEAD
  }

  private async runCompaction(boardId: string): Promise<CompactionResult> {
    const { rows } = await this.database.pool.query<{
      state: Buffer
      up_to_seq: number
      seqs: string[] | null
      updates: Buffer[] | null
    }>(
      `SELECT s.state, s.up_to_seq, u.seqs, u.updates FROM snapshots s,
          LATERAL (SELECT array_agg(seq ORDER BY seq)::text[] AS seqs,
            array_agg(data ORDER BY seq) AS updates FROM updates WHERE board_id = s.board_id) u
        WHERE s.board_id = $1`,
      [boardId],
    )
    const read = rows[0]
    if (!read?.seqs || !read.updates) return { compactedUpdates: 0 }
    const started = performance.now()
    const merged = await this.options.merge(read.state, read.updates)
    const lastSeq = Number(read.seqs.at(-1))
    // The snapshot is replaced only if nobody compacted since it was read, and exactly the
    // folded updates are deleted with it: updates appended meanwhile are kept for the next one.
    const compacted = await this.database.transaction(async (client) => {
      const replaced = await client.query(
        'UPDATE snapshots SET state = $2, up_to_seq = $3 WHERE board_id = $1 AND up_to_seq = $4',
        [boardId, asBuffer(merged), lastSeq, read.up_to_seq],
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
