import { T } from '@tldraw/validate'
import { CREDIT_LEVELS, type CreditedParticipant } from './credit'
import { MAX_NAME_LENGTH } from './limits'
import { ROLE_IDS } from './roles'

/**
 * A person taking part in a board as everyone else sees them: the credited view the server
 * publishes in its `people` state (shared/serverState.ts, shared/credit.ts). Shapes' attribution and
 * the ledger point at the id; names are looked up here, so a change of credit choice changes
 * every view at once. Clients also share their own in awareness, for "who's here".
 */
export type Participant = CreditedParticipant

/** Participant ids: 16 random bytes in URL-safe base64, with a `p_` prefix to tell them apart. */
export const PARTICIPANT_ID_PATTERN = /^p_[A-Za-z0-9_-]{22}$/

/** True when `value` has the shape of a participant id. */
export function isParticipantId(value: unknown): value is string {
  return typeof value === 'string' && PARTICIPANT_ID_PATTERN.test(value)
}

/** Validates a participant id (see {@link PARTICIPANT_ID_PATTERN}). */
export const participantIdValidator = T.string.check((id) => {
  if (!PARTICIPANT_ID_PATTERN.test(id)) throw new T.ValidationError('Not a participant id')
})

/**
 * Validates a participant received from the server (its `people` state) or read from an
 * awareness state, which is entirely client-written.
 */
export const participantValidator: T.ObjectValidator<Participant> = T.object({
  id: participantIdValidator,
  name: T.string.check((name) => {
    if (!name.trim() || name.length > MAX_NAME_LENGTH + 20) {
      throw new T.ValidationError(`Expected a name of 1–${MAX_NAME_LENGTH} characters`)
    }
  }),
  role: T.literalEnum(...ROLE_IDS).nullable(),
  roleLabel: T.string.nullable(),
  credit: T.literalEnum(...CREDIT_LEVELS),
  color: T.string,
  withoutDevice: T.boolean,
  addedBy: participantIdValidator.nullable(),
})

/**
 * A participant as credited, with how many shapes they are credited on: the server's `people`
 * and `contributions` states together (shared/serverState.ts).
 */
export interface PublishedPerson extends CreditedParticipant {
  /** How many shapes they are credited on (added, or changed the words of). */
  readonly contributions: number
}

/** The credited participant in a published person, without their contribution count. */
export function participantOf({ contributions: _, ...participant }: PublishedPerson): Participant {
  return participant
}

/**
 * Colours for people's cursors and badges. Chosen to be distinct from each other and readable
 * on white; a person's name is always shown beside their colour, so colour is never the only cue.
 */
export const PARTICIPANT_COLORS = [
  '#d1495b',
  '#00798c',
  '#edae49',
  '#3d5a80',
  '#8f2d56',
  '#2a9d8f',
  '#6a4c93',
  '#e76f51',
  '#1982c4',
  '#588157',
] as const

/** A colour that stays the same for a participant on every device. */
export function colorForParticipant(participantId: string): string {
  let hash = 0
  for (let i = 0; i < participantId.length; i++) {
    hash = (Math.imul(hash, 31) + participantId.charCodeAt(i)) >>> 0
  }
  return PARTICIPANT_COLORS[hash % PARTICIPANT_COLORS.length] ?? PARTICIPANT_COLORS[0]
}

/**
 * A participant's secret: `<participantId>.<43 characters>` (32 random bytes, URL-safe base64).
 * The browser keeps it for one board and presents it on every request and connection; the
 * server stores only its SHA-256.
 */
export const PARTICIPANT_TOKEN_PATTERN = /^(p_[A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/

/** The participant id a token claims to be for, or undefined when it is not a token at all. */
export function tokenParticipantId(token: string): string | undefined {
  return PARTICIPANT_TOKEN_PATTERN.exec(token)?.[1]
}
