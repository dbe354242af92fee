import { describe, expect, it } from 'vitest'
import {
  DEFAULT_MAX_ASSET_BYTES,
  DEFAULT_MAX_IMPORT_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
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
