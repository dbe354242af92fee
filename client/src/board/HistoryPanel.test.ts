import { describe, expect, it } from 'vitest'
import type { LedgerEntry } from '../../../shared/ledger'
import { historyLines } from './HistoryPanel'

const sam = { id: 'p_sam0000000000000000000' }
const priya = { id: 'p_priya000000000000000' }

describe('historyLines', () => {
  const entry = (
    seq: number,
    action: LedgerEntry['action'],
    participantId: string,
    recordType = 'note',
  ): LedgerEntry => ({
    boardId: 'b',
    seq,
    at: seq,
    participantId,
    writtenDownBy: null,
    action,
    recordId: 'shape:a',
    recordType,
    prevHash: '',
    hash: '',
  })

  it('folds a run of the same person doing the same thing into one line', () => {
    const lines = historyLines([
      entry(1, 'created', sam.id),
      entry(2, 'arranged', priya.id),
      entry(3, 'arranged', priya.id),
      entry(4, 'arranged', priya.id),
      entry(5, 'words', priya.id),
      entry(6, 'arranged', priya.id),
    ])
    expect(lines.map((l) => [l.first.action, l.count, l.last.seq])).toEqual([
      ['created', 1, 1],
      ['arranged', 3, 4],
      ['words', 1, 5],
      ['arranged', 1, 6],
    ])
  })

  it('keeps apart different steps one facilitator took in a row, such as hiding and restoring', () => {
    const lines = historyLines([
      entry(1, 'process', priya.id, 'card-hidden'),
      entry(2, 'process', priya.id, 'card-restored'),
    ])
    expect(lines.map((l) => l.first.recordType)).toEqual(['card-hidden', 'card-restored'])
  })
})
