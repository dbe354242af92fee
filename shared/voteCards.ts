import type { TLRecord, TLRichText } from '@tldraw/tlschema'
import { plainTextOf } from './export/plainTextOf'
import { areaFrameId, isTemplateShapeId } from './sessionAreas'

/** The areas whose cards a vote is on unless the facilitator chooses others. */
export const DEFAULT_VOTE_AREAS = ['ideas', 'barriers'] as const

/** Note purposes whose cards a vote is on unless the facilitator chooses others. */
const DEFAULT_VOTE_PURPOSES: readonly unknown[] = ['idea', 'barrier']

/** What a card with no words is called in a vote. */
export const CARD_WITHOUT_WORDS = 'A card with no words yet'

/** What a card that was removed from the board after the vote opened is called. */
export const REMOVED_CARD = 'A card that was taken off the board'

/**
 * The cards a vote is on by default: everything placed in the Ideas and "What gets in the way"
 * areas (not the template's own prompts), and every idea and barrier note wherever it sits.
 */
export function defaultVoteCards(records: readonly TLRecord[]): string[] {
  const areas = new Set<string>(DEFAULT_VOTE_AREAS.map((key) => areaFrameId({ key })))
  return records
    .filter(
      (record) =>
        record.typeName === 'shape' &&
        !isTemplateShapeId(record.id) &&
        (areas.has(record.parentId) ||
          (record.type === 'purpose-note' &&
            DEFAULT_VOTE_PURPOSES.includes((record.props as { purpose?: unknown }).purpose))),
    )
    .map((record) => record.id)
}

/** Props that hold a card's words, by shape type: the first that has some names the card. */
const NAME_PROPS: Readonly<Record<string, readonly string[]>> = {
  'purpose-note': ['text'],
  service: ['name'],
  person: ['situation'],
  action: ['what'],
}

/** What a card is called in a vote and its results: its words, on one line. */
export function voteCardName(record: TLRecord | undefined): string {
  if (record?.typeName !== 'shape') return REMOVED_CARD
  const props = record.props as Record<string, unknown>
  const words = (NAME_PROPS[record.type] ?? ['richText', 'text', 'name']).map((name) => {
    const value = props[name]
    if (typeof value === 'string') return value
    return typeof value === 'object' && value !== null ? plainTextOf(value as TLRichText) : ''
  })
  return (
    words
      .find((text) => text.trim())
      ?.replace(/\s+/g, ' ')
      .trim() ?? CARD_WITHOUT_WORDS
  )
}
