import { isIP } from 'node:net'
import type { Checked } from '../shared/api'
import {
  DEFAULT_MAX_ASSET_BYTES,
  DEFAULT_MAX_IMPORT_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
} from '../shared/limits'

/** What the server process is configured with, read from its environment. */
export interface ServerConfig {
  /** `PORT`: TCP port to listen on; 0 picks a free port. */
  readonly port: number
  /** `HOST`: address to listen on. Loopback keeps the board on this computer. */
  readonly host: string
  /** `DATA_DIR`: folder for the database and uploaded pictures (SQLite only). */
  readonly dataDir: string
  /**
   * `DATABASE_URL`: a `postgres://` address. When set, boards, people, the ledger and pictures
   * live in that PostgreSQL database, and several processes can share it behind a proxy (see
   * the README, "Running on several machines"). Unset: SQLite in DATA_DIR.
   */
  readonly databaseUrl: string | undefined
  /**
   * `BOARD_LEASE_MS`: with PostgreSQL, how long a process's claim to a board lasts without being
   * renewed (renewed every third of it). A process that stops answering loses its boards after
   * this long; one that exits or dies gives them up at once.
   */
  readonly leaseMs: number
  /** `MAX_MESSAGE_BYTES`: largest WebSocket frame accepted. */
  readonly maxMessageBytes: number
  /** `MAX_ASSET_BYTES`: largest picture accepted. */
  readonly maxAssetBytes: number
  /** `MAX_IMPORT_BYTES`: largest board file (`.tldr`, picture or bundle) that can be opened. */
  readonly maxImportBytes: number
  /**
   * False when `COMMONMAP_BENCH_WITHOUT_LEDGER=1`: a benchmarking switch that runs the server
   * without the contribution ledger, so `npm run bench` can report what the ledger costs. Real
   * boards always keep the ledger.
   */
  readonly ledger: boolean
}

const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/
const GIB = 1024 * 1024 * 1024

/**
 * Reads the configuration from environment variables. An unset or empty variable takes its
 * default; an invalid one gives one plain sentence naming the variable and what it may be.
 */
export function parseConfig(env: Record<string, string | undefined>): Checked<ServerConfig> {
  const value = (name: string) => env[name]?.trim() || undefined

  const port = parseWholeNumber(value('PORT'), 8080, 0, 65535)
  if (port === undefined) {
    return fail('PORT must be a whole number from 0 to 65535 (0 picks a free port).')
  }
  const host = value('HOST') ?? '127.0.0.1'
  if (!isIP(host) && !HOST_NAME.test(host)) {
    return fail(
      'HOST must be an address such as 127.0.0.1 or 0.0.0.0, or a name such as localhost.',
    )
  }
  const maxMessageBytes = parseWholeNumber(
    value('MAX_MESSAGE_BYTES'),
    DEFAULT_MAX_MESSAGE_BYTES,
    64 * 1024,
    GIB,
  )
  if (maxMessageBytes === undefined) {
    return fail('MAX_MESSAGE_BYTES must be a whole number of bytes from 65536 to 1073741824.')
  }
  const maxAssetBytes = parseWholeNumber(value('MAX_ASSET_BYTES'), DEFAULT_MAX_ASSET_BYTES, 1, GIB)
  if (maxAssetBytes === undefined) {
    return fail('MAX_ASSET_BYTES must be a whole number of bytes from 1 to 1073741824.')
  }
  const maxImportBytes = parseWholeNumber(
    value('MAX_IMPORT_BYTES'),
    DEFAULT_MAX_IMPORT_BYTES,
    1,
    GIB,
  )
  if (maxImportBytes === undefined) {
    return fail('MAX_IMPORT_BYTES must be a whole number of bytes from 1 to 1073741824.')
  }
  const databaseUrl = value('DATABASE_URL')
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
    return fail(
      'DATABASE_URL must be a PostgreSQL address such as postgres://commonmap:secret@db.example.org:5432/commonmap, or unset for SQLite.',
    )
  }
  const leaseMs = parseWholeNumber(value('BOARD_LEASE_MS'), 5000, 1000, 60_000)
  if (leaseMs === undefined) {
    return fail('BOARD_LEASE_MS must be a whole number of milliseconds from 1000 to 60000.')
  }
  const withoutLedger = value('COMMONMAP_BENCH_WITHOUT_LEDGER')
  if (withoutLedger !== undefined && withoutLedger !== '0' && withoutLedger !== '1') {
    return fail('COMMONMAP_BENCH_WITHOUT_LEDGER must be 1 (benchmarking only) or 0.')
  }
  return {
    ok: true,
    value: {
      port,
      host,
      dataDir: value('DATA_DIR') ?? './data',
      databaseUrl,
      leaseMs,
      maxMessageBytes,
      maxAssetBytes,
      maxImportBytes,
      ledger: withoutLedger !== '1',
    },
  }
}

function parseWholeNumber(
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return fallback
  if (!/^\d+$/.test(text)) return undefined
  const number = Number(text)
  return number >= min && number <= max ? number : undefined
}

function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== ''
  } catch {
    return false
  }
}

function fail(error: string): Checked<ServerConfig> {
  return { ok: false, error }
}
