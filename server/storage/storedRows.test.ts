import { describe, expect, it } from 'vitest'
import type { SessionRound } from '../../shared/sessionState'
import { privateCardChange, type PrivateCardRow } from './storedRows'

const round: SessionRound = { startedAt: 1_000, endsAt: 301_000, by: 'p-alex' }
const row = (changes: Partial<PrivateCardRow> = {}): PrivateCardRow => ({
  board_id: 'b',
  id: 'shape:a',
  participant_id: 'p-sam',
  record: '{}',
  written_at: 1_500,
  round: 1_000,
  placed: 0,
  ...changes,
})

describe('privateCardChange', () => {
  it('lets a person write a new card, or change their own, only while a round is open', () => {
    expect(privateCardChange(round, undefined, 'p-sam')).toBe('saved')
    expect(privateCardChange(round, row(), 'p-sam')).toBe('saved')
    // PostgreSQL's driver reads a bigint as a string.
    expect(privateCardChange(round, row({ round: '1000' }), 'p-sam')).toBe('saved')
    expect(privateCardChange(null, undefined, 'p-sam')).toBe('no-round')
    expect(privateCardChange(undefined, row(), 'p-sam')).toBe('no-round')
  })

  it('refuses someone else’s card, a revealed one, and one of an earlier round', () => {
    expect(privateCardChange(round, row(), 'p-priya')).toBe('not-yours')
    expect(privateCardChange(round, row({ placed: 1 }), 'p-sam')).toBe('not-yours')
    expect(privateCardChange(round, row({ round: 500 }), 'p-sam')).toBe('not-yours')
  })
})
