import { describe, expect, it } from 'vitest'
import { exportPeople } from '../../tests/helpers/exportSource'
import { EMPTY_LEDGER_HEAD, sealEntries } from '../ledger'
import { buildLedgerExport } from './ledgerExport'

const { full, roleOnly, notNamed } = exportPeople
const people = new Map([full, roleOnly, notNamed].map((person) => [person.id, person]))
const draft = (participantId: string, recordId: string) => ({
  at: 1_700_000_000_000,
  participantId,
  writtenDownBy: null,
  action: 'created' as const,
  recordId,
  recordType: 'service',
})
const { entries } = sealEntries('board-1', EMPTY_LEDGER_HEAD, [
  draft(full.id, 'shape:a'),
  draft(notNamed.id, 'shape:b'),
])

describe('buildLedgerExport', () => {
  it('carries every entry, checked, and the people as credited', () => {
    const file = buildLedgerExport({ id: 'board-1', title: 'Housing' }, entries, people, 42)
    expect(file).toEqual({
      board: { id: 'board-1', title: 'Housing' },
      exportedAt: 42,
      verified: true,
      people: {
        [full.id]: { name: 'Alex Morgan', role: 'Lived experience' },
        [roleOnly.id]: { name: 'A practitioner', role: null },
      },
      entries,
    })
  })

  it('says when the chain does not check out', () => {
    const tampered = [entries[0]!, { ...entries[1]!, participantId: full.id }]
    const file = buildLedgerExport({ id: 'board-1', title: 'Housing' }, tampered, people, 42)
    expect(file.verified).toBe(false)
  })
})
