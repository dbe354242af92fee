import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../shared/ledger'
import { nativeSha256Hex } from './nativeSha256Hex'

describe('nativeSha256Hex', () => {
  it('gives the digest the shared JavaScript SHA-256 gives, for any text', () => {
    for (const text of ['', 'abc', '["commonmap-ledger/1","board",1]', 'Ünïcödé — 🌍 ✓']) {
      expect(nativeSha256Hex(text)).toBe(sha256Hex(text))
    }
    expect(nativeSha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })
})
