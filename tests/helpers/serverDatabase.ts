import Database from 'better-sqlite3'
import { join } from 'node:path'
import pg from 'pg'
import { commonmapTypes } from '../../server/storage/postgres/PostgresDatabase'
import type { TestServer } from './startServer'

/**
 * A test's own connection to a test server's database, whichever backend it runs on, for
 * looking at (and tampering with) what the server stored. Both backends have the same tables
 * and columns; statements use `?` placeholders, and bigints read as numbers on both.
 */
export interface ServerDatabase {
  readonly kind: 'sqlite' | 'postgres'
  /** Runs one statement; returns its rows (none for a statement that returns nothing). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  close(): Promise<void>
}

/** Opens the database of `server` (its SQLite file, or its PostgreSQL database). */
export async function openServerDatabase(server: TestServer): Promise<ServerDatabase> {
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl, types: commonmapTypes })
    await client.connect()
    return {
      kind: 'postgres',
      async query<T>(sql: string, params: unknown[] = []) {
        let n = 0
        const numbered = sql.replace(/\?/g, () => `$${++n}`)
        return (await client.query(numbered, params)).rows as T[]
      },
      close: () => client.end(),
    }
  }
  const db = new Database(join(server.dataDir, 'commonmap.sqlite'))
  return {
    kind: 'sqlite',
    async query<T>(sql: string, params: unknown[] = []) {
      const statement = db.prepare(sql)
      if (statement.reader) return statement.all(...params) as T[]
      statement.run(...params)
      return []
    },
    async close() {
      db.close()
    },
  }
}

/** Runs `work` with the server's database open, and closes it after. */
export async function withServerDatabase<T>(
  server: TestServer,
  work: (db: ServerDatabase) => Promise<T>,
): Promise<T> {
  const db = await openServerDatabase(server)
  try {
    return await work(db)
  } finally {
    await db.close()
  }
}
