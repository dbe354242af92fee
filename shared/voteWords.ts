import type { PriorityDifference, PublishedVote } from './dotVote'
import { roleLabel } from './roles'
import type { VoiceBalance } from './voiceBalance'
import { formatShare } from './voiceBalance'

/** "1 dot", "3 dots". */
export function dotsPhrase(dots: number): string {
  return dots === 1 ? '1 dot' : `${dots} dots`
}

/**
 * The split of one card's dots by role, a line each, in plain words: only the groups the voice
 * balance shows, and for the rest why their dots are not shown apart.
 */
export function splitLines(split: VoiceBalance): string[] {
  const lines = split.roles.flatMap((role) =>
    role.shown && role.contributions !== null
      ? [`${roleLabel(role.role)}: ${dotsPhrase(role.contributions)}`]
      : [],
  )
  if (split.smallGroups) {
    const labels = split.smallGroups.roles.map((role) => roleLabel(role)).join(', ')
    lines.push(
      split.smallGroups.contributions === null
        ? `${labels}: fewer than three people voted, so their dots are not shown apart`
        : `${labels} together: ${dotsPhrase(split.smallGroups.contributions)}`,
    )
  }
  if (split.notNamed) {
    lines.push(
      split.notNamed.figures?.contributions != null
        ? `People not named: ${dotsPhrase(split.notNamed.figures.contributions)}`
        : 'People who chose not to be named: fewer than three, so their dots are not shown',
    )
  }
  return lines
}

/**
 * Where people with lived experience and professionals gave a card a different share of their
 * dots, in one sentence.
 */
export function differenceLine(difference: PriorityDifference, name: string): string {
  return `${name}: ${formatShare(difference.livedExperience)} of the dots of people with lived experience or carers, ${formatShare(difference.professionals)} of the dots of practitioners and managers.`
}

/** A card's results, as the results view and the exports say them. */
export interface CardResultWords {
  readonly shapeId: string
  readonly name: string
  /** "7 dots". */
  readonly total: string
  readonly split: readonly string[]
}

/** What a closed vote's results say, card by card, most dots first ("What we prioritised"). */
export interface PrioritisedWords {
  readonly cards: readonly CardResultWords[]
  /** The biggest differences between the two sides, or null when a side is too small. */
  readonly differences: readonly string[] | null
}

/** How many differences between the sides are worth saying: the largest few. */
const MOST_DIFFERENCES = 5

/**
 * The results of a vote in words, naming each card with `nameOf`; undefined while nobody may
 * see them. Differences of nothing (both sides gave the card the same share) are left out.
 */
export function prioritisedWords(
  published: PublishedVote | undefined,
  nameOf: (shapeId: string) => string,
): PrioritisedWords | undefined {
  const results = published?.results
  if (!results) return undefined
  return {
    cards: results.cards.map(({ shapeId, dots, split }) => ({
      shapeId,
      name: nameOf(shapeId),
      total: dotsPhrase(dots),
      split: splitLines(split),
    })),
    differences:
      results.differences
        ?.filter((d) => d.livedExperience !== d.professionals)
        .slice(0, MOST_DIFFERENCES)
        .map((d) => differenceLine(d, nameOf(d.shapeId))) ?? null,
  }
}

/** What the reports say before the results of a vote. */
export const PRIORITISED_INTRO =
  'Everyone placed dots on the cards that matter most to them. Cards with the most dots come first, with how each role voted. Every dot counts in a card’s total, but groups of fewer than three people are not shown apart, and how people who chose not to be named voted is not shown.'
