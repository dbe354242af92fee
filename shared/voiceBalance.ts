import { T } from '@tldraw/validate'
import { ROLE_IDS, type RoleId } from './roles'

/** Role-level figures are only shown for groups of at least this many people (COPRODUCTION.md). */
export const MIN_GROUP_SIZE = 3

/** One role's share of the people taking part and of the contributions. */
export interface RoleBalance {
  readonly role: RoleId
  /** False when fewer than {@link MIN_GROUP_SIZE} people have this role: no figures are given. */
  readonly shown: boolean
  readonly people: number | null
  readonly contributions: number | null
  /** 0–1, or null when not shown. */
  readonly peopleShare: number | null
  /** 0–1 (0 when nobody has contributed yet), or null when not shown. */
  readonly contributionShare: number | null
}

/**
 * The voice balance of a board: for each role, its share of the people and of the
 * contributions. Role-level only, never individuals. Roles with fewer than three people are
 * pooled into `smallGroups`, itself only given when the pool has at least three people.
 */
export interface VoiceBalance {
  readonly people: number
  readonly contributions: number
  /** Every role with at least one person, in the published role order. */
  readonly roles: readonly RoleBalance[]
  /** The roles too small to show on their own, together (figures null when still too small). */
  readonly smallGroups: {
    readonly roles: readonly RoleId[]
    readonly people: number | null
    readonly contributions: number | null
    readonly peopleShare: number | null
    readonly contributionShare: number | null
  } | null
}

/**
 * Computes the voice balance. `people` is everyone taking part (with or without a device, named
 * or not: a "not named" person still counts, anonymously, in their role's total);
 * `contributions` is how many shapes each person is credited on (see AttributionFold).
 */
export function computeVoiceBalance(
  people: readonly { readonly id: string; readonly role: RoleId }[],
  contributions: ReadonlyMap<string, number>,
): VoiceBalance {
  const byRole = new Map<RoleId, { people: number; contributions: number }>()
  let totalContributions = 0
  for (const person of people) {
    const group = byRole.get(person.role) ?? { people: 0, contributions: 0 }
    const count = contributions.get(person.id) ?? 0
    group.people++
    group.contributions += count
    totalContributions += count
    byRole.set(person.role, group)
  }
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole)
  const roles: RoleBalance[] = []
  const small = { roles: [] as RoleId[], people: 0, contributions: 0 }
  for (const role of ROLE_IDS) {
    const group = byRole.get(role)
    if (!group) continue
    if (group.people >= MIN_GROUP_SIZE) {
      roles.push({
        role,
        shown: true,
        people: group.people,
        contributions: group.contributions,
        peopleShare: share(group.people, people.length),
        contributionShare: share(group.contributions, totalContributions),
      })
    } else {
      roles.push({
        role,
        shown: false,
        people: null,
        contributions: null,
        peopleShare: null,
        contributionShare: null,
      })
      small.roles.push(role)
      small.people += group.people
      small.contributions += group.contributions
    }
  }
  const poolShown = small.people >= MIN_GROUP_SIZE
  return {
    people: people.length,
    contributions: totalContributions,
    roles,
    smallGroups:
      small.roles.length === 0
        ? null
        : {
            roles: small.roles,
            people: poolShown ? small.people : null,
            contributions: poolShown ? small.contributions : null,
            peopleShare: poolShown ? share(small.people, people.length) : null,
            contributionShare: poolShown ? share(small.contributions, totalContributions) : null,
          },
  }
}

const figure = T.number.nullable()

/** Validates a {@link VoiceBalance} received from the server (shared/serverState.ts). */
export const voiceBalanceValidator: T.Validator<VoiceBalance> = T.object({
  people: T.number,
  contributions: T.number,
  roles: T.arrayOf(
    T.object({
      role: T.literalEnum(...ROLE_IDS),
      shown: T.boolean,
      people: figure,
      contributions: figure,
      peopleShare: figure,
      contributionShare: figure,
    }),
  ),
  smallGroups: T.object({
    roles: T.arrayOf(T.literalEnum(...ROLE_IDS)),
    people: figure,
    contributions: figure,
    peopleShare: figure,
    contributionShare: figure,
  }).nullable(),
}) as unknown as T.Validator<VoiceBalance>

/** "40%": a share as a whole percentage. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`
}
