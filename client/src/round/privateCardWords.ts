import type { PrivateCardShape } from '../../../shared/privateRound'

/** The prop that holds a private card's words, by its type (what its one field fills in). */
const WORDS_PROP: Record<PrivateCardShape['type'], string> = {
  'purpose-note': 'text',
  service: 'name',
  person: 'situation',
  action: 'what',
}

/** A private card's words. */
export function privateCardWords(card: PrivateCardShape): string {
  const words = (card.props as unknown as Record<string, unknown>)[WORDS_PROP[card.type]]
  return typeof words === 'string' ? words : ''
}

/** The card with its words changed to `words`. */
export function withPrivateCardWords(card: PrivateCardShape, words: string): PrivateCardShape {
  return { ...card, props: { ...card.props, [WORDS_PROP[card.type]]: words } } as PrivateCardShape
}
