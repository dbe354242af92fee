import { describe, expect, it } from 'vitest'
import {
  EMPTY_LEDGER_HEAD,
  GENESIS_HASH,
  hashEntry,
  sealEntries,
  verifyLedger,
  type LedgerDraft,
  type LedgerEntry,
} from './ledger'

const drafts: LedgerDraft[] = [
  {
    at: 1000,
    participantId: 'p_sam0000000000000000000',
    writtenDownBy: null,
    action: 'created',
    recordId: 'shape:a',
    recordType: 'note',
  },
  {
    at: 2000,
    participantId: 'p_sam0000000000000000000',
    writtenDownBy: 'p_priya000000000000000',
    action: 'words',
    recordId: 'shape:a',
    recordType: 'note',
  },
  {
    at: 3000,
    participantId: 'p_priya000000000000000',
    writtenDownBy: null,
    action: 'arranged',
    recordId: 'shape:a',
    recordType: 'note',
  },
  {
    at: 4000,
    participantId: 'p_priya000000000000000',
    writtenDownBy: null,
    action: 'deleted',
    recordId: 'shape:a',
    recordType: 'note',
  },
]

function chain(): LedgerEntry[] {
  return sealEntries('board', EMPTY_LEDGER_HEAD, drafts).entries
}

describe('the ledger chain', () => {
  it('numbers, links and hashes entries, and verifies', () => {
    const entries = chain()
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH)
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash)
    for (const entry of entries) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(verifyLedger(entries)).toEqual({
      ok: true,
      entries: 4,
      head: { seq: 4, hash: entries[3]!.hash },
    })
    expect(verifyLedger([])).toMatchObject({ ok: true, entries: 0 })
  })

  it('continues a chain from its head exactly as sealing everything at once would', () => {
    const first = sealEntries('board', EMPTY_LEDGER_HEAD, drafts.slice(0, 2))
    const rest = sealEntries('board', first.head, drafts.slice(2))
    expect([...first.entries, ...rest.entries]).toEqual(chain())
  })

  it('hashes a known entry to a fixed value (the format is a contract)', () => {
    expect(hashEntry({ ...chain()[0]!, hash: undefined } as never)).toBe(chain()[0]!.hash)
    expect(chain()[0]!.hash).toBe(
      hashEntry({
        boardId: 'board',
        seq: 1,
        at: 1000,
        participantId: 'p_sam0000000000000000000',
        writtenDownBy: null,
        action: 'created',
        recordId: 'shape:a',
        recordType: 'note',
        prevHash: GENESIS_HASH,
      }),
    )
  })

  const fields = [
    'boardId',
    'seq',
    'at',
    'participantId',
    'writtenDownBy',
    'action',
    'recordId',
    'recordType',
    'prevHash',
    'hash',
  ] as const
  const tampered = (value: unknown): unknown =>
    typeof value === 'number' ? value + 1 : value === null ? 'p_mallory0000000000000' : `${value}x`

  it.each(fields)('fails when %s of any entry is changed, and says where', (field) => {
    for (let index = 0; index < drafts.length; index++) {
      const entries = chain()
      entries[index] = { ...entries[index]!, [field]: tampered(entries[index]![field]) }
      const result = verifyLedger(entries)
      expect(result.ok, `${field} of entry ${index}`).toBe(false)
      if (!result.ok) expect(result.index).toBe(index)
    }
  })

  it('fails when an entry is removed or two are swapped', () => {
    const removed = chain()
    removed.splice(1, 1)
    expect(verifyLedger(removed)).toMatchObject({ ok: false, index: 1 })
    const swapped = chain()
    ;[swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!]
    expect(verifyLedger(swapped)).toMatchObject({ ok: false, index: 1 })
  })

  it('fails when a whole entry is rewritten with a fresh hash but the next still links to the old', () => {
    const entries = chain()
    const forged = { ...entries[1]!, participantId: 'p_mallory0000000000000' }
    entries[1] = { ...forged, hash: hashEntry(forged) }
    expect(verifyLedger(entries)).toMatchObject({ ok: false, index: 2 })
  })
})
