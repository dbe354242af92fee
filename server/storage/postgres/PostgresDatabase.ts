import pg, { type PoolClient } from 'pg'
import { migratePostgres } from './postgresMigrations'

/** PostgreSQL's type id of `bigint`. */
const INT8 = 20

/**
 * Every bigint Commonmap stores (times in ms, sequence numbers, fences) is far below 2^53, so it
 * is read as a plain number rather than node-postgres's default string. Set per pool, not on
 * the driver globally.
 */
export const commonmapTypes = {
  getTypeParser(id: number, format?: 'text' | 'binary') {
    if (id === INT8) return Number
    return pg.types.getTypeParser(id, format)
  },
}

/** Options of {@link PostgresDatabase.open}. */
export interface PostgresDatabaseOptions {
  /** A `postgres://` connection string (DATABASE_URL). */
  readonly url: string
  /** Most connections the pool opens (default 10). */
  readonly maxConnections?: number
}

/**
 * One PostgreSQL database, migrated to the newest schema, behind a connection pool. Every
 * statement Commonmap sends is parameterised: no value is ever spliced into SQL text.
 */
export class PostgresDatabase {
  private constructor(
    readonly pool: pg.Pool,
    readonly url: string,
  ) {}

  /** Connects, and runs the migrations this database lacks. */
  static async open({ url, maxConnections }: PostgresDatabaseOptions): Promise<PostgresDatabase> {
    const pool = new pg.Pool({
      connectionString: url,
      max: maxConnections ?? 10,
      types: commonmapTypes,
      // A dead database should fail requests, not hang them until a person notices.
      connectionTimeoutMillis: 10_000,
    })
    // An idle pooled connection that the database drops emits 'error' on the pool; without a
    // listener that would be an uncaught exception. The next query simply opens a new one.
    pool.on('error', () => {})
    try {
      await migratePostgres(pool)
    } catch (error) {
      await pool.end()
      throw error
    }
    return new PostgresDatabase(pool, url)
  }

  /** Runs `work` in one transaction on one connection: committed if it resolves, else rolled back. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      client.release()
      return result
    } catch (error) {
      // A connection whose rollback fails is broken: destroy it rather than pool it again.
      const broken = await client.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: Error) => rollbackError,
      )
      client.release(broken)
      throw error
    }
  }

  /** Closes every connection. */
  async close(): Promise<void> {
    await this.pool.end()
  }
}

/** True for an error PostgreSQL raised with this SQLSTATE. */
export function hasSqlState(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code
}
