import { isIP } from 'node:net'
import type { Checked } from '../shared/api'
import {
  DEFAULT_MAX_ASSET_BYTES,
  DEFAULT_MAX_BOARD_BYTES,
  DEFAULT_MAX_IMPORT_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_PRESENCE_BYTES,
  DEFAULT_PER_MINUTE,
  DEFAULT_PRESENCE_PER_SECOND,
  DEFAULT_UPDATES_PER_SECOND,
  DEFAULT_WORK_QUEUE,
} from '../shared/limits'
import type { PerMinuteLimits } from './http/AddressLimits'

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
  /** `MAX_BOARD_BYTES`: largest a board's document may grow to, encoded. */
  readonly maxBoardBytes: number
  /** `UPDATES_PER_SECOND`: changes to a board one connection may send per second, on average. */
  readonly updatesPerSecond: number
  /** `PRESENCE_PER_SECOND`: presence updates (cursor, selection) per connection per second. */
  readonly presencePerSecond: number
  /** `MAX_PRESENCE_BYTES`: largest presence state a connection may share. */
  readonly maxPresenceBytes: number
  /** `BOARDS_PER_MINUTE`, `JOINS_PER_MINUTE`, …: what one address may do per minute. */
  readonly perMinute: PerMinuteLimits
  /** `WORK_THREADS`: threads for imports and exports; undefined for the server's default. */
  readonly workThreads: number | undefined
  /** `WORK_QUEUE`: imports and exports that may wait for a thread before more are refused. */
  readonly workQueue: number
  /** `ALLOWED_ORIGINS`: origins a reverse proxy serves Commonmap under (comma-separated). */
  readonly allowedOrigins: readonly string[]
  /** `TRUST_PROXY`: true to count the address a reverse proxy forwards for the limits. */
  readonly trustProxy: boolean
  /**
   * False when `COMMONMAP_BENCH_WITHOUT_LEDGER=1`: a benchmarking switch that runs the server
   * without the contribution ledger, so `npm run bench` can report what the ledger costs. Real
   * boards always keep the ledger.
   */
  readonly ledger: boolean
}

const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/
const KIB = 1024
const GIB = 1024 * 1024 * 1024

/** The one sentence an invalid variable is refused with. */
class ConfigError extends Error {}

/**
 * Reads the configuration from environment variables. An unset or empty variable takes its
 * default; an invalid one gives one plain sentence naming the variable and what it may be.
 */
export function parseConfig(env: Record<string, string | undefined>): Checked<ServerConfig> {
  const value = (name: string) => env[name]?.trim() || undefined
  const number = (name: string, fallback: number, min: number, max: number, unit = '') => {
    const parsed = parseWholeNumber(value(name), fallback, min, max)
    if (parsed !== undefined) return parsed
    throw new ConfigError(`${name} must be a whole number${unit} from ${min} to ${max}.`)
  }
  const bytes = (name: string, fallback: number, min: number) =>
    number(name, fallback, min, GIB, ' of bytes')
  const perMinute = (name: string, fallback: number) => number(name, fallback, 1, 1_000_000)
  const switchedOn = (name: string, sentence: string) => {
    const given = value(name)
    if (given !== undefined && given !== '0' && given !== '1') throw new ConfigError(sentence)
    return given === '1'
  }
  try {
    const port = parseWholeNumber(value('PORT'), 8080, 0, 65535)
    if (port === undefined) {
      throw new ConfigError('PORT must be a whole number from 0 to 65535 (0 picks a free port).')
    }
    const host = value('HOST') ?? '127.0.0.1'
    if (!isIP(host) && !HOST_NAME.test(host)) {
      throw new ConfigError(
        'HOST must be an address such as 127.0.0.1 or 0.0.0.0, or a name such as localhost.',
      )
    }
    const databaseUrl = value('DATABASE_URL')
    if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
      throw new ConfigError(
        'DATABASE_URL must be a PostgreSQL address such as postgres://commonmap:secret@db.example.org:5432/commonmap, or unset for SQLite.',
      )
    }
    const workThreads = value('WORK_THREADS')
    return {
      ok: true,
      value: {
        port,
        host,
        dataDir: value('DATA_DIR') ?? './data',
        databaseUrl,
        leaseMs: number('BOARD_LEASE_MS', 5000, 1000, 60_000, ' of milliseconds'),
        maxMessageBytes: bytes('MAX_MESSAGE_BYTES', DEFAULT_MAX_MESSAGE_BYTES, 64 * KIB),
        maxAssetBytes: bytes('MAX_ASSET_BYTES', DEFAULT_MAX_ASSET_BYTES, 1),
        maxImportBytes: bytes('MAX_IMPORT_BYTES', DEFAULT_MAX_IMPORT_BYTES, 1),
        maxBoardBytes: bytes('MAX_BOARD_BYTES', DEFAULT_MAX_BOARD_BYTES, 64 * KIB),
        updatesPerSecond: number('UPDATES_PER_SECOND', DEFAULT_UPDATES_PER_SECOND, 1, 100_000),
        presencePerSecond: number('PRESENCE_PER_SECOND', DEFAULT_PRESENCE_PER_SECOND, 1, 100_000),
        maxPresenceBytes: bytes('MAX_PRESENCE_BYTES', DEFAULT_MAX_PRESENCE_BYTES, KIB),
        perMinute: {
          boards: perMinute('BOARDS_PER_MINUTE', DEFAULT_PER_MINUTE.boards),
          joins: perMinute('JOINS_PER_MINUTE', DEFAULT_PER_MINUTE.joins),
          uploads: perMinute('UPLOADS_PER_MINUTE', DEFAULT_PER_MINUTE.uploads),
          imports: perMinute('IMPORTS_PER_MINUTE', DEFAULT_PER_MINUTE.imports),
          exports: perMinute('EXPORTS_PER_MINUTE', DEFAULT_PER_MINUTE.exports),
        },
        workThreads: workThreads === undefined ? undefined : number('WORK_THREADS', 1, 1, 64),
        workQueue: number('WORK_QUEUE', DEFAULT_WORK_QUEUE, 0, 10_000),
        allowedOrigins: parseOrigins(value('ALLOWED_ORIGINS')),
        trustProxy: switchedOn(
          'TRUST_PROXY',
          'TRUST_PROXY must be 1 (behind a reverse proxy) or 0.',
        ),
        ledger: !switchedOn(
          'COMMONMAP_BENCH_WITHOUT_LEDGER',
          'COMMONMAP_BENCH_WITHOUT_LEDGER must be 1 (benchmarking only) or 0.',
        ),
      },
    }
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, error: error.message }
    throw error
  }
}

function parseOrigins(text: string | undefined): string[] {
  const sentence =
    'ALLOWED_ORIGINS must be origins separated by commas, such as https://map.example.org.'
  return (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      let url: URL
      try {
        url = new URL(part)
      } catch {
        throw new ConfigError(sentence)
      }
      if (!/^https?:$/.test(url.protocol) || url.origin !== part.replace(/\/$/, '')) {
        throw new ConfigError(sentence)
      }
      return url.origin
    })
}

function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== ''
  } catch {
    return false
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
