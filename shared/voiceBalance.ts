import { T } from '@tldraw/validate'
import type { CreditLevel } from './credit'
import { ROLE_IDS, type RoleId } from './roles'

/** Role-level figures are only shown for groups of at least this many people (COPRODUCTION.md). */
export const MIN_GROUP_SIZE = 3

/** Figures for a group of people, or nulls when the group is too small to show. */
export interface GroupFigures {
  readonly people: number | null
  readonly contributions: number | null
  /** 0–1, or null when not shown. */
  readonly peopleShare: number | null
  /** 0–1 (0 when nobody has contributed yet), or null when not shown. */
  readonly contributionShare: number | null
}

/** One role's share of the people taking part and of the contributions. */
export interface RoleBalance extends GroupFigures {
  readonly role: RoleId
  /** False when fewer than {@link MIN_GROUP_SIZE} people have this role: no figures are given. */
  readonly shown: boolean
}

/**
 * The voice balance of a board: for each role, its share of the people and of the
 * contributions. Role-level only, never individuals. Roles with fewer than three people are
 * pooled into `smallGroups`, itself only given when the pool has at least three people.
 *
 * People who chose "Do not name me" are in no role group: a role's figures, or its being too
 * small to show, would otherwise say which role "Someone not named" has. They are counted on
 * their own (`notNamed`); while they are fewer than three, they and what they added are left
 * out of every share as well, so no difference between figures can point at them.
 */
export interface VoiceBalance {
  /** Everyone the shares are of (every named person, and the not-named from three up). */
  readonly people: number
  /** Everything the contribution shares are of. */
  readonly contributions: number
  /** Every role with at least one named person, in the published role order. */
  readonly roles: readonly RoleBalance[]
  /** The roles too small to show on their own, together (figures null when still too small). */
  readonly smallGroups: (GroupFigures & { readonly roles: readonly RoleId[] }) | null
  /**
   * How many people chose not to be named (always given: the list of people shows them as
   * "Someone not named" anyway), with their figures from three people up; null when nobody did.
   */
  readonly notNamed: { readonly count: number; readonly figures: GroupFigures | null } | null
}

/** A person as the voice balance counts them: their role, and whether they chose to be named. */
export interface BalancePerson {
  readonly id: string
  readonly role: RoleId
  readonly credit: CreditLevel
}

/**
 * Computes the voice balance. `people` is everyone taking part (with or without a device);
 * `contributions` is how many shapes each person is credited on (see AttributionFold).
 */
export function computeVoiceBalance(
  people: readonly BalancePerson[],
  contributions: ReadonlyMap<string, number>,
): VoiceBalance {
  const count = (person: BalancePerson) => contributions.get(person.id) ?? 0
  const named = people.filter((person) => person.credit !== 'not-named')
  const notNamed = people.filter((person) => person.credit === 'not-named')
  const notNamedShown = notNamed.length >= MIN_GROUP_SIZE
  const counted = notNamedShown ? people : named
  const totalContributions = counted.reduce((sum, person) => sum + count(person), 0)
  const figures = (group: readonly BalancePerson[]): GroupFigures => {
    const groupContributions = group.reduce((sum, person) => sum + count(person), 0)
    return {
      people: group.length,
      contributions: groupContributions,
      peopleShare: share(group.length, counted.length),
      contributionShare: share(groupContributions, totalContributions),
    }
  }
  const roles: RoleBalance[] = []
  const small: BalancePerson[] = []
  const smallRoles: RoleId[] = []
  for (const role of ROLE_IDS) {
    const group = named.filter((person) => person.role === role)
    if (group.length === 0) continue
    if (group.length >= MIN_GROUP_SIZE) {
      roles.push({ role, shown: true, ...figures(group) })
    } else {
      roles.push({ role, shown: false, ...HIDDEN })
      smallRoles.push(role)
      small.push(...group)
    }
  }
  return {
    people: counted.length,
    contributions: totalContributions,
    roles,
    smallGroups:
      smallRoles.length === 0
        ? null
        : {
            roles: smallRoles,
            ...(small.length >= MIN_GROUP_SIZE ? figures(small) : HIDDEN),
          },
    notNamed:
      notNamed.length === 0
        ? null
        : { count: notNamed.length, figures: notNamedShown ? figures(notNamed) : null },
  }
}

const HIDDEN: GroupFigures = {
  people: null,
  contributions: null,
  peopleShare: null,
  contributionShare: null,
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}

const figure = T.number.nullable()

const groupFigures = {
  people: figure,
  contributions: figure,
  peopleShare: figure,
  contributionShare: figure,
}

/** Validates a {@link VoiceBalance} received from the server (shared/serverState.ts). */
export const voiceBalanceValidator: T.Validator<VoiceBalance> = T.object({
  people: T.number,
  contributions: T.number,
  roles: T.arrayOf(
    T.object({ role: T.literalEnum(...ROLE_IDS), shown: T.boolean, ...groupFigures }),
  ),
  smallGroups: T.object({
    roles: T.arrayOf(T.literalEnum(...ROLE_IDS)),
    ...groupFigures,
  }).nullable(),
  notNamed: T.object({
    count: T.number,
    figures: T.object(groupFigures).nullable(),
  }).nullable(),
}) as unknown as T.Validator<VoiceBalance>

/** "40%": a share as a whole percentage. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`
}
