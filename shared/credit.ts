import { roleLabel, type RoleId } from './roles'

/**
 * How a person chooses to be credited for what they add. The ids are stored and sent over the
 * API, so they never change once published; the labels and explanations are what people see.
 * Some participants must not be identifiable (safeguarding, stigma, ongoing cases), so the
 * choice is theirs, can change at any time, and every view follows the choice in force.
 */
export const CREDIT_LEVELS = [
  'full-name',
  'first-name',
  'pseudonym',
  'role-only',
  'not-named',
] as const

/** One of the credit levels in {@link CREDIT_LEVELS}. */
export type CreditLevel = (typeof CREDIT_LEVELS)[number]

/** What a credit level is called, and what it means for who sees what, in plain words. */
export interface CreditOption {
  readonly id: CreditLevel
  readonly label: string
  readonly explanation: string
}

/** Every credit level, in the order the join dialog lists them. */
export const CREDIT_OPTIONS: readonly CreditOption[] = [
  {
    id: 'full-name',
    label: 'My full name',
    explanation: 'Others see the name you write, and your role.',
  },
  {
    id: 'first-name',
    label: 'My first name only',
    explanation: 'Others see only the first word of your name, and your role.',
  },
  {
    id: 'pseudonym',
    label: 'A made-up name',
    explanation: 'Others see a name you choose, and your role. Your real name stays private.',
  },
  {
    id: 'role-only',
    label: 'My role only',
    explanation: 'Others see only your role, for example “A practitioner”. No name is shown.',
  },
  {
    id: 'not-named',
    label: 'Do not name me',
    explanation:
      'Others see “Someone not named”. Neither your name nor your role is shown next to what you add.',
  },
]

/** True when `value` is one of the credit level ids. */
export function isCreditLevel(value: unknown): value is CreditLevel {
  return typeof value === 'string' && (CREDIT_LEVELS as readonly string[]).includes(value)
}

/** What the server knows about a person privately: only they (and the server) see all of it. */
export interface CreditSource {
  readonly id: string
  /** The name they wrote when joining. Private unless their credit level shows it. */
  readonly name: string
  readonly role: RoleId
  readonly roleOther?: string | null
  readonly credit: CreditLevel
  /** Their made-up name, used when `credit` is `pseudonym`. */
  readonly pseudonym?: string | null
  readonly color: string
  /** True when this person has no device and others add things for them. */
  readonly withoutDevice?: boolean
  /** Who added them, for a person without a device. */
  readonly addedBy?: string | null
}

/**
 * A participant as every other client sees them: only what their credit choice allows. This is
 * what the server writes into the document's `participants` root and what `GET participants` returns.
 */
export interface CreditedParticipant {
  readonly id: string
  /** The name to show: "Sam Jones", "Sam", "Blue Heron", "A practitioner", "Someone not named". */
  readonly name: string
  /** Their role, when their choice shows it (null for "not named"). */
  readonly role: RoleId | null
  /** The role as shown after the name ("Lived experience"), or null when not shown separately. */
  readonly roleLabel: string | null
  readonly credit: CreditLevel
  /** Cursor and badge colour, always shown with a name. */
  readonly color: string
  /** True for a person without a device, for whom others add things. */
  readonly withoutDevice: boolean
  /** Who added a person without a device (a participant id), else null. */
  readonly addedBy: string | null
}

/** What a person with no name shown is called. */
export const NOT_NAMED = 'Someone not named'

const ROLE_AS_NAME: Record<RoleId, string> = {
  'lived-experience': 'Someone with lived experience',
  carer: 'A carer or family member',
  practitioner: 'A practitioner',
  manager: 'A manager or commissioner',
  facilitator: 'A facilitator',
  other: 'Someone',
}

/** The first word of a name ("Sam" for "Sam Jones"). */
export function firstName(name: string): string {
  return name.trim().split(/\s+/u)[0] ?? ''
}

/**
 * Turns a person's private profile and credit choice into what everyone else sees. Privacy
 * first: for "not named" neither the name nor the role leaves the server (they still count,
 * anonymously, in role-level totals of three or more people); for "role only" the role is the
 * name. A pseudonym choice without a pseudonym falls back to the role, never to the real name.
 */
export function creditedParticipant(source: CreditSource): CreditedParticipant {
  const label = roleLabel(source.role, source.roleOther ?? undefined)
  const base = {
    id: source.id,
    credit: source.credit,
    color: source.color,
    withoutDevice: source.withoutDevice ?? false,
    addedBy: source.addedBy ?? null,
  }
  const asRole = (): CreditedParticipant => ({
    ...base,
    name:
      source.role === 'other' && label !== 'Other'
        ? `Someone (${label})`
        : ROLE_AS_NAME[source.role],
    role: source.role,
    roleLabel: null,
  })
  switch (source.credit) {
    case 'full-name':
      return {
        ...base,
        name: source.name.trim().replace(/\s+/gu, ' '),
        role: source.role,
        roleLabel: label,
      }
    case 'first-name':
      return { ...base, name: firstName(source.name), role: source.role, roleLabel: label }
    case 'pseudonym': {
      const pseudonym = source.pseudonym?.trim()
      if (!pseudonym) return asRole()
      return { ...base, name: pseudonym, role: source.role, roleLabel: label }
    }
    case 'role-only':
      return asRole()
    case 'not-named':
      return { ...base, name: NOT_NAMED, role: null, roleLabel: null }
  }
}

/** "Sam · Lived experience", "A practitioner", "Someone not named": a person as one phrase. */
export function describePerson(person: Pick<CreditedParticipant, 'name' | 'roleLabel'>): string {
  return person.roleLabel ? `${person.name} · ${person.roleLabel}` : person.name
}
