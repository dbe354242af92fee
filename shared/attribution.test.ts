import { describe, expect, it } from 'vitest'
import { AttributionFold } from './attribution'
import { templateShapeId } from './sessionAreas'
import type { LedgerAction, LedgerDraft } from './ledger'

const entry = (
  action: LedgerAction,
  participantId: string,
  at: number,
  recordId = 'shape:a',
  writtenDownBy: string | null = null,
): LedgerDraft => ({ action, participantId, at, recordId, recordType: 'note', writtenDownBy })

describe('AttributionFold', () => {
  it('credits who added a shape and lists who changed its words since', () => {
    const fold = new AttributionFold()
    fold.apply(entry('created', 'sam', 1_000))
    fold.apply(entry('words', 'sam', 2_000))
    fold.apply(entry('words', 'priya', 120_000))
    fold.apply(entry('arranged', 'jo', 130_000))
    expect(fold.get('shape:a')).toEqual({
      addedBy: 'sam',
      addedAt: 1_000,
      addedWrittenDownBy: null,
      wordsBy: [{ by: 'priya', writtenDownBy: null, at: 120_000 }],
    })
    expect(fold.contributions()).toEqual(
      new Map([
        ['sam', 1],
        ['priya', 1],
      ]),
    )
  })

  it('credits nobody with running the session, even a step about a shape', () => {
    const fold = new AttributionFold()
    fold.apply(entry('created', 'sam', 1))
    expect(fold.apply(entry('process', 'alex', 2))).toBe(false)
    expect(fold.apply(entry('process', 'alex', 3, 'participant:p_sam'))).toBe(false)
    expect(fold.get('shape:a')?.addedBy).toBe('sam')
    expect(fold.contributionsOf('alex')).toBe(0)
  })

  it('never changes credit for arranging, and reports no change for it', () => {
    const fold = new AttributionFold()
    fold.apply(entry('created', 'sam', 1))
    expect(fold.apply(entry('arranged', 'priya', 2))).toBe(false)
    expect(fold.get('shape:a')?.addedBy).toBe('sam')
    expect(fold.contributionsOf('priya')).toBe(0)
  })

  it('keeps who wrote it down for someone without a device', () => {
    const fold = new AttributionFold()
    fold.apply(entry('created', 'sam', 1, 'shape:a', 'priya'))
    expect(fold.get('shape:a')).toMatchObject({ addedBy: 'sam', addedWrittenDownBy: 'priya' })
    expect(fold.contributionsOf('sam')).toBe(1)
    expect(fold.contributionsOf('priya')).toBe(0)
  })

  it('only republishes a words change when the minute shown changes', () => {
    const fold = new AttributionFold()
    fold.apply(entry('created', 'sam', 0))
    expect(fold.apply(entry('words', 'priya', 60_000))).toBe(true)
    expect(fold.apply(entry('words', 'priya', 61_000))).toBe(false)
    expect(fold.apply(entry('words', 'priya', 125_000))).toBe(true)
  })

  it('forgets deleted shapes for display but keeps their first author when they come back', () => {
    const fold = new AttributionFold()
    fold.apply(entry('created', 'sam', 1))
    expect(fold.apply(entry('deleted', 'priya', 2))).toBe(true)
    expect(fold.get('shape:a')).toBeUndefined()
    expect(fold.apply(entry('created', 'priya', 3))).toBe(true)
    expect(fold.get('shape:a')?.addedBy).toBe('sam')
    // The contribution was made, even if the shape is gone.
    expect(fold.contributionsOf('sam')).toBe(1)
    expect(fold.entries().map(([id]) => id)).toEqual(['shape:a'])
  })

  it('credits pages and bindings to nobody', () => {
    const fold = new AttributionFold()
    expect(fold.apply(entry('created', 'sam', 1, 'page:p'))).toBe(false)
    expect(fold.contributions().size).toBe(0)
  })

  it("keeps who laid out a template but counts it as nobody's contribution until its words change", () => {
    const fold = new AttributionFold()
    const frame = templateShapeId('purpose')
    const note = templateShapeId('agreement-1')
    fold.apply(entry('created', 'sam', 1, frame))
    fold.apply(entry('created', 'sam', 1, note))
    expect(fold.get(frame)?.addedBy).toBe('sam')
    expect(fold.contributionsOf('sam')).toBe(0)
    // Changing a template note's words is a contribution, whoever started the board.
    fold.apply(entry('words', 'sam', 120_000, note))
    fold.apply(entry('words', 'priya', 130_000, note))
    expect(fold.get(note)?.wordsBy.map((change) => change.by)).toEqual(['sam', 'priya'])
    expect(fold.contributions()).toEqual(
      new Map([
        ['sam', 1],
        ['priya', 1],
      ]),
    )
  })
})
