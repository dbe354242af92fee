import { T } from '@tldraw/validate'
import { participantIdValidator } from './participant'
import type { RoleId } from './roles'
import {
  MIN_GROUP_SIZE,
  computeVoiceBalance,
  voiceBalanceValidator,
  type BalancePerson,
  type VoiceBalance,
} from './voiceBalance'

/** The most dots a facilitator can give each person, and the most cards one vote can be on. */
export const MAX_DOTS = 20
export const MAX_VOTE_CARDS = 200

/** How many dots each person has when the facilitator does not say. */
export const DEFAULT_DOTS = 3

/**
 * A dot vote a facilitator opened on some cards: everyone has `dots` dots to put on them. The
 * server keeps each person's dots and checks every one (see {@link castRefusal}).
 */
export interface DotVote {
  /** Numbered per board from 1, so dots cast in an earlier vote never count in a later one. */
  readonly id: number
  /** The shape ids of the cards people can put dots on. */
  readonly shapes: readonly string[]
  readonly dots: number
  /** Whether a person may put more than one of their dots on one card. */
  readonly severalPerCard: boolean
  /** Whether everyone sees the results while the vote is open (otherwise only once it closes). */
  readonly showLive: boolean
  /** Server time, epoch ms. */
  readonly openedAt: number
  readonly openedBy: string
  /** Server time it closed, or null while it is open. */
  readonly closedAt: number | null
}

/** One person's dots on one card. */
export interface CastDots {
  readonly participantId: string
  readonly shapeId: string
  readonly dots: number
}

/**
 * The dots on one card. `dots` is every dot on it: everyone's vote counts, including the votes
 * of people who chose not to be named. `split` is the voice balance of the people who voted, with
 * their dots on this card as their "contributions": the same role groups on every card, and the
 * same rules for small groups and for people who chose not to be named, so no group's figure
 * shows how one of them voted.
 */
export interface CardResult {
  readonly shapeId: string
  readonly dots: number
  readonly split: VoiceBalance
}

/**
 * How people with lived experience (and carers) and professionals (practitioners, managers)
 * spread their dots: each side's share of its own dots on each card. Only given when each side
 * has at least {@link MIN_GROUP_SIZE} named voters.
 */
export interface PriorityDifference {
  readonly shapeId: string
  /** 0–1 of the lived experience side's dots. */
  readonly livedExperience: number
  /** 0–1 of the professionals' dots. */
  readonly professionals: number
}

/** The results of a vote, most dots first. */
export interface VoteResults {
  readonly cards: readonly CardResult[]
  /** Largest difference first; null when either side is too small to show. */
  readonly differences: readonly PriorityDifference[] | null
}

/**
 * The `vote` server state (under `current`): the board's latest vote, how many people have
 * voted, and the results when everyone may see them (closed, or open with `showLive`).
 */
export interface PublishedVote {
  readonly vote: DotVote
  readonly voters: number
  readonly results: VoteResults | null
}

/** The roles on each side of {@link PriorityDifference}. */
export const LIVED_EXPERIENCE_ROLES: readonly RoleId[] = ['lived-experience', 'carer']
export const PROFESSIONAL_ROLES: readonly RoleId[] = ['practitioner', 'manager']

/** Whether the results of `vote` are for everyone to see now. */
export function resultsVisible(vote: DotVote): boolean {
  return vote.closedAt !== null || vote.showLive
}

/** How many dots a person has placed, given their dots by shape id. */
export function dotsPlaced(mine: Readonly<Record<string, number>>): number {
  return Object.values(mine).reduce((sum, dots) => sum + dots, 0)
}

/**
 * Why a person may not put `dots` of their dots on `shapeId` (replacing what they had there),
 * in a plain sentence, or undefined when they may. `mine` is their dots now, by shape id.
 */
export function castRefusal(
  vote: DotVote,
  mine: Readonly<Record<string, number>>,
  shapeId: string,
  dots: number,
): string | undefined {
  if (vote.closedAt !== null) return 'The vote has closed, so dots can no longer change.'
  if (!vote.shapes.includes(shapeId)) return 'This card is not part of the vote.'
  if (!vote.severalPerCard && dots > 1) return 'In this vote you can put one dot on each card.'
  const others = dotsPlaced(mine) - (mine[shapeId] ?? 0)
  if (others + dots > vote.dots) {
    return `You have ${vote.dots} dots in all and ${vote.dots - others} left. Take a dot back from another card first.`
  }
  return undefined
}

/**
 * Tallies a vote. `people` is everyone on the board; only those who placed a dot count, so the
 * role groups (and which are too small to show) are the voters', the same on every card.
 */
export function tallyVote(
  vote: DotVote,
  cast: readonly CastDots[],
  people: readonly BalancePerson[],
): VoteResults {
  const voterIds = new Set(cast.filter((c) => c.dots > 0).map((c) => c.participantId))
  const voters = people.filter((person) => voterIds.has(person.id))
  const dotsOn = (shapeId: string) => {
    const byPerson = new Map<string, number>()
    for (const c of cast) if (c.shapeId === shapeId) byPerson.set(c.participantId, c.dots)
    return byPerson
  }
  const cards = vote.shapes
    .map((shapeId) => {
      const byPerson = dotsOn(shapeId)
      const dots = [...byPerson.values()].reduce((sum, n) => sum + n, 0)
      return { shapeId, dots, split: computeVoiceBalance(voters, byPerson) }
    })
    .sort((a, b) => b.dots - a.dots)
  return { cards, differences: priorityDifferences(vote, cast, voters) }
}

function priorityDifferences(
  vote: DotVote,
  cast: readonly CastDots[],
  voters: readonly BalancePerson[],
): PriorityDifference[] | null {
  // The not-named are on neither side, as they are in no role group of the voice balance.
  const side = (roles: readonly RoleId[]) =>
    new Set(
      voters
        .filter((person) => person.credit !== 'not-named' && roles.includes(person.role))
        .map((person) => person.id),
    )
  const lived = side(LIVED_EXPERIENCE_ROLES)
  const professionals = side(PROFESSIONAL_ROLES)
  if (lived.size < MIN_GROUP_SIZE || professionals.size < MIN_GROUP_SIZE) return null
  const shares = (members: ReadonlySet<string>) => {
    const mine = cast.filter((c) => members.has(c.participantId))
    const total = mine.reduce((sum, c) => sum + c.dots, 0)
    return (shapeId: string) =>
      total === 0
        ? 0
        : mine.filter((c) => c.shapeId === shapeId).reduce((sum, c) => sum + c.dots, 0) / total
  }
  const livedShare = shares(lived)
  const professionalShare = shares(professionals)
  return vote.shapes
    .map((shapeId) => ({
      shapeId,
      livedExperience: livedShare(shapeId),
      professionals: professionalShare(shapeId),
    }))
    .sort(
      (a, b) =>
        Math.abs(b.livedExperience - b.professionals) -
        Math.abs(a.livedExperience - a.professionals),
    )
}

/** The vote, with results only when they are for everyone to see (the `vote` server state). */
export function publishVote(
  vote: DotVote,
  cast: readonly CastDots[],
  people: readonly BalancePerson[],
): PublishedVote {
  return {
    vote,
    voters: new Set(cast.filter((c) => c.dots > 0).map((c) => c.participantId)).size,
    results: resultsVisible(vote) ? tallyVote(vote, cast, people) : null,
  }
}

const count = T.number.check((value) => {
  if (!Number.isInteger(value) || value < 0) throw new T.ValidationError('Expected a count')
})
const shareOfDots = T.number.check((value) => {
  if (!(value >= 0 && value <= 1)) throw new T.ValidationError('Expected a share')
})
const shapeIdValidator = T.string.check((id) => {
  if (!id.startsWith('shape:')) throw new T.ValidationError('Expected a shape id')
})

/** Validates a {@link DotVote} received from the server or read from storage. */
export const dotVoteValidator: T.Validator<DotVote> = T.object({
  id: count,
  shapes: T.arrayOf(shapeIdValidator),
  dots: count,
  severalPerCard: T.boolean,
  showLive: T.boolean,
  openedAt: T.number,
  openedBy: participantIdValidator,
  closedAt: T.number.nullable(),
}) as unknown as T.Validator<DotVote>

/** Validates a {@link PublishedVote} received from the server (shared/serverState.ts). */
export const publishedVoteValidator: T.Validator<PublishedVote> = T.object({
  vote: dotVoteValidator,
  voters: count,
  results: T.object({
    cards: T.arrayOf(
      T.object({
        shapeId: shapeIdValidator,
        dots: count,
        split: voiceBalanceValidator,
      }),
    ),
    differences: T.arrayOf(
      T.object({
        shapeId: shapeIdValidator,
        livedExperience: shareOfDots,
        professionals: shareOfDots,
      }),
    ).nullable(),
  }).nullable(),
}) as unknown as T.Validator<PublishedVote>
