import { T } from '@tldraw/validate'
import { defineChoices } from './defineChoices'

/**
 * Why someone took a card down for review, if they said: a short list, so saying why never
 * means writing about the person it hurt.
 */
export const HIDE_REASONS = defineChoices(['names-someone', 'hurtful', 'something-else'], {
  'names-someone': {
    label: 'It names someone who is not here',
    description: 'The card names a person who is not in the session.',
  },
  hurtful: { label: 'It is hurtful', description: 'The card could hurt someone.' },
  'something-else': {
    label: 'Something else',
    description: 'Another reason the card should not be on the board for now.',
  },
})

/** One of {@link HIDE_REASONS}. */
export type HideReason = (typeof HIDE_REASONS.ids)[number]

/**
 * A card someone took down for review (the `hidden` server state, keyed by shape id): everyone
 * but facilitators stops seeing it until a facilitator restores or removes it. Who hid it is not
 * here: the state goes to everyone, and taking a card down must feel safe. The ledger keeps who
 * did, so hiding is accountable to the people who run the session.
 */
export interface HiddenCard {
  /** Server time it was hidden, epoch ms. */
  readonly at: number
  /** Why, if the person said. */
  readonly reason: HideReason | null
}

/** Validates a {@link HiddenCard} from the server. */
export const hiddenCardValidator: T.Validator<HiddenCard> = T.object({
  at: T.number.check((at) => {
    if (!Number.isFinite(at)) throw new T.ValidationError('Expected a time')
  }),
  reason: HIDE_REASONS.validator.nullable(),
})

/**
 * True when `record` is one of the cards `ids` or would point at nothing without them: a
 * binding to one (a route's end) or a shape inside one. What leaves the board, or an export, with
 * those cards.
 */
export function goesWithCards(record: unknown, ids: ReadonlySet<string>): boolean {
  const { id, parentId, typeName, fromId, toId } = (record ?? {}) as Record<string, unknown>
  return (
    ids.has(String(id)) ||
    ids.has(String(parentId)) ||
    (typeName === 'binding' && (ids.has(String(fromId)) || ids.has(String(toId))))
  )
}
