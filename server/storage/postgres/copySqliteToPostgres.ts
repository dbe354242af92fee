import Database from 'better-sqlite3'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { PoolClient } from 'pg'
import * as Y from 'yjs'
import { verifyLedger, type LedgerEntry } from '../../../shared/ledger'
import { isBoardId } from '../../../shared/protocol'
import { typeOfAssetName } from '../AssetStore'
import { openSqliteStorage } from '../openSqliteStorage'
import { PostgresDatabase } from './PostgresDatabase'

/** What {@link copySqliteToPostgres} copied. */
export interface CopyReport {
  readonly boards: number
  readonly participants: number
  readonly ledgerEntries: number
  readonly licences: number
  readonly pictures: number
}

/** Options of {@link copySqliteToPostgres}. */
export interface CopyOptions {
  /** The data folder of a SQLite install (DATA_DIR): commonmap.sqlite and assets/. */
  readonly from: string
  /** `postgres://` address of an empty Commonmap database (or one never used). */
  readonly to: string
}

/** Tables copied row for row, parents before children; the order the rows were written in. */
const TABLES: readonly { name: string; order: string }[] = [
  { name: 'boards', order: 'rowid' },
  // A person added by someone else refers to them, who joined earlier.
  { name: 'participants', order: 'rowid' },
  // In chain order: the database checks each entry follows the one before.
  { name: 'ledger', order: 'board_id, seq' },
  { name: 'board_licences', order: 'rowid' },
  { name: 'imported_shapes', order: 'board_id, shape_id' },
  { name: 'board_sessions', order: 'board_id' },
  // Each vote before the dots cast in it.
  { name: 'board_votes', order: 'board_id, id' },
  { name: 'vote_dots', order: 'board_id, vote_id, participant_id, shape_id' },
  { name: 'watch_links', order: 'rowid' },
  { name: 'private_cards', order: 'rowid' },
  { name: 'hidden_cards', order: 'board_id, shape_id' },
]

/**
 * Moves an install from SQLite to PostgreSQL (`npm run migrate`): every board, person, ledger
 * entry, licence, imported shape's origin, session, dot vote, watch link, card hidden for review and picture, in one PostgreSQL
 * transaction, so a failed copy leaves the target as it was. Each board's document is copied as
 * one snapshot (its log folded in, as a compaction would). Every ledger is verified on both sides and must match
 * entry for entry. Refuses a target that already holds boards. The SQLite side is only read
 * (after bringing it up to this version's schema, as starting the server would).
 */
export async function copySqliteToPostgres({ from, to }: CopyOptions): Promise<CopyReport> {
  const file = join(from, 'commonmap.sqlite')
  // Opening it runs the SQLite migrations, so its rows have this version's columns.
  const sqliteStorage = openSqliteStorage({ file })
  const sqlite = new Database(file, { readonly: true, fileMustExist: true })
  const postgres = await PostgresDatabase.open({ url: to, maxConnections: 1 })
  try {
    const ledgers = ledgersOf(sqlite)
    for (const [boardId, entries] of ledgers) assertVerifies(boardId, entries, 'SQLite')
    return await postgres.transaction(async (client) => {
      const { rows } = await client.query<{ n: number }>('SELECT count(*) AS n FROM boards')
      if ((rows[0]?.n ?? 0) > 0) {
        throw new Error('The PostgreSQL database already holds boards; migrate into an empty one.')
      }
      const counts = new Map<string, number>()
      for (const table of TABLES) {
        counts.set(table.name, await copyTable(sqlite, client, table.name, table.order))
      }
      const boardIds = (sqlite.prepare('SELECT id FROM boards').pluck().all() as string[]).sort()
      for (const boardId of boardIds) {
        const stored = await sqliteStorage.log.load(boardId)
        if (!stored) throw new Error(`Board ${boardId} has no stored document.`)
        const state = Y.mergeUpdates([stored.snapshot, ...stored.updates])
        await client.query(
          'INSERT INTO snapshots (board_id, state, up_to_seq) VALUES ($1, $2, 0)',
          [boardId, Buffer.from(state)],
        )
      }
      const copied = await ledgersIn(client)
      for (const [boardId, entries] of ledgers) {
        assertVerifies(boardId, copied.get(boardId) ?? [], 'PostgreSQL')
        if (JSON.stringify(copied.get(boardId)) !== JSON.stringify(entries)) {
          throw new Error(`The ledger of board ${boardId} differs after copying.`)
        }
      }
      return {
        boards: counts.get('boards') ?? 0,
        participants: counts.get('participants') ?? 0,
        ledgerEntries: counts.get('ledger') ?? 0,
        licences: counts.get('board_licences') ?? 0,
        pictures: await copyPictures(join(from, 'assets'), client),
      }
    })
  } finally {
    sqlite.close()
    await sqliteStorage.close()
    await postgres.close()
  }
}

async function copyTable(
  sqlite: Database.Database,
  client: PoolClient,
  table: string,
  order: string,
): Promise<number> {
  const rows = sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Record<
    string,
    unknown
  >[]
  for (const row of rows) {
    const columns = Object.keys(row)
    await client.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((column) => row[column]),
    )
  }
  return rows.length
}

const LEDGER_COLUMNS =
  'board_id AS "boardId", seq, at, participant_id AS "participantId", written_down_by AS "writtenDownBy", action, record_id AS "recordId", record_type AS "recordType", prev_hash AS "prevHash", hash'

function ledgersOf(sqlite: Database.Database): Map<string, LedgerEntry[]> {
  const rows = sqlite
    .prepare(`SELECT ${LEDGER_COLUMNS} FROM ledger ORDER BY board_id, seq`)
    .all() as LedgerEntry[]
  return byBoard(rows)
}

async function ledgersIn(client: PoolClient): Promise<Map<string, LedgerEntry[]>> {
  const { rows } = await client.query<LedgerEntry>(
    `SELECT ${LEDGER_COLUMNS} FROM ledger ORDER BY board_id, seq`,
  )
  return byBoard(rows)
}

function byBoard(rows: readonly LedgerEntry[]): Map<string, LedgerEntry[]> {
  const ledgers = new Map<string, LedgerEntry[]>()
  for (const entry of rows) {
    const entries = ledgers.get(entry.boardId) ?? []
    entries.push(entry)
    ledgers.set(entry.boardId, entries)
  }
  return ledgers
}

function assertVerifies(boardId: string, entries: readonly LedgerEntry[], side: string): void {
  const verdict = verifyLedger(entries)
  if (!verdict.ok) {
    throw new Error(`The ledger of board ${boardId} does not verify in ${side}: ${verdict.reason}`)
  }
}

/** Copies assets/<board>/<name> files; names are content hashes, so they stay valid. */
async function copyPictures(folder: string, client: PoolClient): Promise<number> {
  const boards = await readdir(folder).catch(() => [] as string[])
  let count = 0
  for (const boardId of boards.filter(isBoardId)) {
    for (const name of await readdir(join(folder, boardId))) {
      const type = typeOfAssetName(name)
      // Left-over temporary files of an interrupted upload are not pictures.
      if (!type) continue
      await client.query(
        'INSERT INTO assets (board_id, name, type, bytes) VALUES ($1, $2, $3, $4)',
        [boardId, name, type, await readFile(join(folder, boardId, name))],
      )
      count++
    }
  }
  return count
}
