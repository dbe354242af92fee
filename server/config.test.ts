import { describe, expect, it } from 'vitest'
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
import { parseConfig } from './config'

describe('parseConfig', () => {
  it('uses the defaults when nothing (or only blanks) is set', () => {
    const expected = {
      port: 8080,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: undefined,
      leaseMs: 5000,
      maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
      maxAssetBytes: DEFAULT_MAX_ASSET_BYTES,
      maxImportBytes: DEFAULT_MAX_IMPORT_BYTES,
      maxBoardBytes: DEFAULT_MAX_BOARD_BYTES,
      updatesPerSecond: DEFAULT_UPDATES_PER_SECOND,
      presencePerSecond: DEFAULT_PRESENCE_PER_SECOND,
      maxPresenceBytes: DEFAULT_MAX_PRESENCE_BYTES,
      perMinute: DEFAULT_PER_MINUTE,
      workThreads: undefined,
      workQueue: DEFAULT_WORK_QUEUE,
      allowedOrigins: [],
      trustProxy: false,
      ledger: true,
    }
    expect(parseConfig({})).toEqual({ ok: true, value: expected })
    expect(parseConfig({ PORT: '', HOST: ' ' })).toEqual({ ok: true, value: expected })
  })

  it('reads every variable', () => {
    const result = parseConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/commonmap',
      MAX_MESSAGE_BYTES: '1048576',
      MAX_ASSET_BYTES: '5000',
      MAX_IMPORT_BYTES: '70000',
      MAX_BOARD_BYTES: '4194304',
      UPDATES_PER_SECOND: '50',
      PRESENCE_PER_SECOND: '40',
      MAX_PRESENCE_BYTES: '2048',
      BOARDS_PER_MINUTE: '5',
      JOINS_PER_MINUTE: '6',
      UPLOADS_PER_MINUTE: '7',
      IMPORTS_PER_MINUTE: '8',
      EXPORTS_PER_MINUTE: '9',
      WORK_THREADS: '3',
      WORK_QUEUE: '4',
      ALLOWED_ORIGINS: 'https://map.example.org, http://10.0.0.5:8080/',
      TRUST_PROXY: '1',
      COMMONMAP_BENCH_WITHOUT_LEDGER: '1',
      DATABASE_URL: 'postgres://commonmap:secret@db.example.org:5432/commonmap',
      BOARD_LEASE_MS: '3000',
    })
    expect(result).toEqual({
      ok: true,
      value: {
        port: 0,
        host: '0.0.0.0',
        dataDir: '/var/lib/commonmap',
        databaseUrl: 'postgres://commonmap:secret@db.example.org:5432/commonmap',
        leaseMs: 3000,
        maxMessageBytes: 1048576,
        maxAssetBytes: 5000,
        maxImportBytes: 70000,
        maxBoardBytes: 4194304,
        updatesPerSecond: 50,
        presencePerSecond: 40,
        maxPresenceBytes: 2048,
        perMinute: { boards: 5, joins: 6, uploads: 7, imports: 8, exports: 9 },
        workThreads: 3,
        workQueue: 4,
        allowedOrigins: ['https://map.example.org', 'http://10.0.0.5:8080'],
        trustProxy: true,
        ledger: false,
      },
    })
  })

  it.each([
    ['COMMONMAP_BENCH_WITHOUT_LEDGER', 'yes'],
    ['PORT', '80a'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['HOST', 'http://example.org'],
    ['HOST', 'two words'],
    ['MAX_MESSAGE_BYTES', '1.5'],
    ['MAX_MESSAGE_BYTES', '100'],
    ['MAX_ASSET_BYTES', '0'],
    ['MAX_ASSET_BYTES', 'ten'],
    ['MAX_IMPORT_BYTES', '0'],
    ['MAX_BOARD_BYTES', '100'],
    ['UPDATES_PER_SECOND', '0'],
    ['PRESENCE_PER_SECOND', 'many'],
    ['BOARDS_PER_MINUTE', '0'],
    ['WORK_THREADS', '0'],
    ['WORK_QUEUE', '-1'],
    ['ALLOWED_ORIGINS', 'map.example.org'],
    ['ALLOWED_ORIGINS', 'https://map.example.org/app'],
    ['TRUST_PROXY', 'yes'],
    ['DATABASE_URL', 'mysql://db.example.org/commonmap'],
    ['DATABASE_URL', 'commonmap'],
    ['BOARD_LEASE_MS', '500'],
    ['BOARD_LEASE_MS', 'five seconds'],
  ])('refuses %s=%s with one sentence that names the variable', (name, value) => {
    const result = parseConfig({ [name]: value })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.startsWith(`${name} must be`)).toBe(true)
    expect(
      result.error
        .trim()
        .split(/[.!?](?:\s|$)/)
        .filter(Boolean),
    ).toHaveLength(1)
  })

  it('accepts host names and IPv6 addresses', () => {
    expect(parseConfig({ HOST: 'localhost' })).toMatchObject({ ok: true })
    expect(parseConfig({ HOST: '::' })).toMatchObject({ ok: true })
  })
})
