import { randomInt } from 'node:crypto'
import pg from 'pg'
import type { Logger } from '../../logger'

/** Options of {@link PostgresListener}. */
export interface PostgresListenerOptions {
  /** A `postgres://` connection string. */
  readonly url: string
  /** The channels to LISTEN on (fixed names, not user input). */
  readonly channels: readonly string[]
  readonly logger: Logger
  /** Wait before reconnecting after the connection dropped, in ms (default 500). */
  readonly reconnectMs?: number
}

/**
 * The one connection a process keeps open to PostgreSQL for LISTEN/NOTIFY. It also holds the
 * process's liveness lock: a session advisory lock on a random key, taken when it connects and
 * held for as long as the connection lives. Another process that can take that lock knows this
 * one is gone (killed, or cut off from the database) and need not wait out its leases.
 *
 * When the connection drops, the lock is gone with it: everything this process held under it
 * must be given up (`onLost`), and a new connection takes a new key.
 */
export class PostgresListener {
  private readonly handlers = new Map<string, (payload: string) => void>()
  private readonly lostListeners = new Set<() => void>()
  private current: Promise<{ client: pg.Client; key: number }> | undefined
  private closed = false

  constructor(private readonly options: PostgresListenerOptions) {}

  /** Connects, takes the liveness lock and starts listening. Rejects if the first try fails. */
  async start(): Promise<void> {
    await this.connection()
  }

  /** The key of the liveness lock this process holds now; waits while reconnecting. */
  async lockKey(): Promise<number> {
    return (await this.connection()).key
  }

  /** Handles the notifications of one channel (one handler per channel). */
  on(channel: string, handler: (payload: string) => void): void {
    this.handlers.set(channel, handler)
  }

  /** Calls `listener` whenever the connection, and with it the liveness lock, was lost. */
  onLost(listener: () => void): () => void {
    this.lostListeners.add(listener)
    return () => this.lostListeners.delete(listener)
  }

  /** Sends a notification on a channel (from a pooled connection: any session may notify). */
  static async notify(pool: pg.Pool, channel: string, payload: string): Promise<void> {
    await pool.query('SELECT pg_notify($1, $2)', [channel, payload])
  }

  /** Closes the connection, which releases the liveness lock. */
  async close(): Promise<void> {
    this.closed = true
    const current = await this.current?.catch(() => undefined)
    await current?.client.end().catch(() => {})
  }

  private connection(): Promise<{ client: pg.Client; key: number }> {
    this.current ??= this.connect()
    return this.current
  }

  private async connect(): Promise<{ client: pg.Client; key: number }> {
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true })
    let dropped = false
    const drop = (error?: unknown) => {
      if (dropped) return
      dropped = true
      client.end().catch(() => {})
      if (this.closed) return
      this.options.logger.warn('postgres.listener-lost', { error })
      this.current = undefined
      for (const listener of this.lostListeners) listener()
      // Reconnect on our own, so notifications flow again even if nothing asks for the key.
      setTimeout(() => {
        if (!this.closed) this.connection().catch(() => {})
      }, this.options.reconnectMs ?? 500).unref()
    }
    client.on('error', drop)
    client.on('end', () => drop())
    client.on('notification', ({ channel, payload }) => {
      const handler = this.handlers.get(channel)
      // Handled after whatever else this turn of the event loop read: client frames that had
      // already arrived when a handover request did are still served by this process.
      if (handler) setImmediate(() => handler(payload ?? ''))
    })
    try {
      await client.connect()
      const key = randomInt(1, 2 ** 47)
      await client.query('SELECT pg_advisory_lock($1)', [key])
      for (const channel of this.options.channels) {
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
      }
      return { client, key }
    } catch (error) {
      drop(error)
      throw error
    }
  }
}
