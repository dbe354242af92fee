import { T } from '@tldraw/validate'
import type { LedgerDraft } from './ledger'
import { isParticipantId } from './participant'
import { isTemplateShapeId } from './sessionAreas'

/** One person who changed a shape's words after it was added, and when they last did. */
export interface WordsChange {
  /** The participant credited with the change. */
  readonly by: string
  /** Who typed it, when they were adding for `by`; else null. */
  readonly writtenDownBy: string | null
  /** Server time of their latest change, epoch ms. */
  readonly at: number
}

/**
 * Who a shape is credited to, derived from the ledger by the server and published in the
 * document's server-owned `attribution` root. Clients show this, never what a shape's `meta`
 * claims (any client can write `meta`).
 */
export interface RecordAttribution {
  /** Who added it; null for a shape added before the ledger existed. */
  readonly addedBy: string | null
  /** Server time it was added, epoch ms; null when not known. */
  readonly addedAt: number | null
  /** Who typed it, when it was added for `addedBy` by someone else; else null. */
  readonly addedWrittenDownBy: string | null
  /** Other people who changed its words since, in the order they first did. */
  readonly wordsBy: readonly WordsChange[]
}

/**
 * Validates a {@link RecordAttribution} received from the server (shared/serverState.ts). Written
 * by hand rather than with `T.object`: a board's snapshot holds one per shape, and a client checks
 * ten thousand of them while a large board opens, where every millisecond is waited for.
 */
export const recordAttributionValidator = new T.Validator<RecordAttribution>((value) => {
  if (!isRecordAttribution(value)) throw new T.ValidationError('Expected a shape’s attribution')
  return value
})

const ATTRIBUTION_FIELDS = 4
const WORDS_CHANGE_FIELDS = 3

function isRecordAttribution(value: unknown): value is RecordAttribution {
  if (typeof value !== 'object' || value === null) return false
  const { addedBy, addedAt, addedWrittenDownBy, wordsBy } = value as Record<string, unknown>
  return (
    Object.keys(value).length === ATTRIBUTION_FIELDS &&
    (addedBy === null || isParticipantId(addedBy)) &&
    (addedAt === null || isTime(addedAt)) &&
    (addedWrittenDownBy === null || isParticipantId(addedWrittenDownBy)) &&
    Array.isArray(wordsBy) &&
    wordsBy.every(isWordsChange)
  )
}

function isWordsChange(value: unknown): value is WordsChange {
  if (typeof value !== 'object' || value === null) return false
  const { by, writtenDownBy, at } = value as Record<string, unknown>
  return (
    Object.keys(value).length === WORDS_CHANGE_FIELDS &&
    isParticipantId(by) &&
    (writtenDownBy === null || isParticipantId(writtenDownBy)) &&
    isTime(at)
  )
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/** Only shapes are credited: pages and bindings are recorded in the ledger but not credited. */
export function isCreditedRecord(recordId: string): boolean {
  return recordId.startsWith('shape:')
}

/**
 * The attribution of every shape, folded from ledger entries in order. Pure and incremental:
 * the server applies each new entry as it is written; a test or an export can rebuild it from
 * the stored ledger alone and get the same answer.
 *
 * Rules: only `created` and `words` change credit (arranging never does). A shape keeps who
 * first added it even when it is deleted and brought back (undo), so nobody takes over someone
 * else's words by deleting and restoring them. Changes to a shape's words by the person it is
 * credited to are not listed separately.
 *
 * What a template lays out (shared/sessionAreas.ts) is the board's scaffolding, not anyone's
 * voice: its shapes keep who laid them out (the ledger's record of who started the board) but
 * count as nobody's contribution, until someone changes their words.
 */
export class AttributionFold {
  private readonly records = new Map<string, RecordAttribution>()
  private readonly live = new Set<string>()
  /** Participant id → the shapes they are credited on (added, or changed the words of). */
  private readonly contributed = new Map<string, Set<string>>()

  /**
   * Applies one entry. Returns true when what is published for the record changed (its
   * attribution, or whether it is on the board at all).
   */
  apply(entry: LedgerDraft): boolean {
    const { recordId, action } = entry
    if (!isCreditedRecord(recordId)) return false
    const before = this.records.get(recordId)
    switch (action) {
      case 'created': {
        const wasLive = this.live.has(recordId)
        this.live.add(recordId)
        if (before) return !wasLive
        this.records.set(recordId, {
          addedBy: entry.participantId,
          addedAt: entry.at,
          addedWrittenDownBy: entry.writtenDownBy,
          wordsBy: [],
        })
        if (!isTemplateShapeId(recordId)) this.credit(entry.participantId, recordId)
        return true
      }
      case 'words': {
        this.live.add(recordId)
        const current = before ?? {
          addedBy: null,
          addedAt: null,
          addedWrittenDownBy: null,
          wordsBy: [],
        }
        if (current.addedBy === entry.participantId && !isTemplateShapeId(recordId)) {
          if (!before) this.records.set(recordId, current)
          return !before
        }
        const change: WordsChange = {
          by: entry.participantId,
          writtenDownBy: entry.writtenDownBy,
          at: entry.at,
        }
        const index = current.wordsBy.findIndex((c) => c.by === entry.participantId)
        const wordsBy = [...current.wordsBy]
        if (index >= 0) {
          const previous = wordsBy[index]!
          // Times are shown to the minute: a change within the same minute by the same person
          // changes nothing anyone sees, and typing would otherwise rewrite this on every key.
          if (
            Math.floor(previous.at / 60_000) === Math.floor(change.at / 60_000) &&
            previous.writtenDownBy === change.writtenDownBy
          ) {
            return false
          }
          wordsBy[index] = change
        } else {
          wordsBy.push(change)
        }
        this.records.set(recordId, { ...current, wordsBy })
        this.credit(entry.participantId, recordId)
        return true
      }
      case 'arranged':
      case 'process':
        return false
      case 'deleted':
        return this.live.delete(recordId)
    }
  }

  /** The published attribution of a shape on the board, or undefined (unknown or deleted). */
  get(recordId: string): RecordAttribution | undefined {
    return this.live.has(recordId) ? this.records.get(recordId) : undefined
  }

  /** Every shape on the board that has an attribution. */
  entries(): [string, RecordAttribution][] {
    return [...this.live].flatMap((id) => {
      const attribution = this.records.get(id)
      return attribution ? [[id, attribution] as [string, RecordAttribution]] : []
    })
  }

  /**
   * How many shapes each person is credited on: added, or changed the words of. Shapes deleted
   * since still count: the contribution was made.
   */
  contributions(): Map<string, number> {
    return new Map([...this.contributed].map(([id, shapes]) => [id, shapes.size]))
  }

  /** How many shapes one person is credited on. */
  contributionsOf(participantId: string): number {
    return this.contributed.get(participantId)?.size ?? 0
  }

  private credit(participantId: string, recordId: string): void {
    let shapes = this.contributed.get(participantId)
    if (!shapes) this.contributed.set(participantId, (shapes = new Set()))
    shapes.add(recordId)
  }
}
