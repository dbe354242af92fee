import { T } from '@tldraw/validate'
import { MAX_NAME_LENGTH } from './limits'
import { ROLE_IDS, type RoleId } from './roles'

/**
 * A person taking part in a board, as stored in the document's `participants` map. The id is
 * what shapes' attribution (`meta.createdBy`, `meta.updatedBy`) points at.
 */
export interface Participant {
  /** Stable id for this person on this board. */
  readonly id: string
  /** The name they chose to be shown by. */
  readonly name: string
  /** The perspective they bring. */
  readonly role: RoleId
  /** Their own words for their role when `role` is `other`. */
  readonly roleOther?: string
  /** Their cursor and badge colour (a CSS colour); always shown together with their name. */
  readonly color: string
}

/** Participant ids: 16 random bytes in URL-safe base64, with a `p_` prefix to tell them apart. */
export const PARTICIPANT_ID_PATTERN = /^p_[A-Za-z0-9_-]{22}$/

/** Validates a participant entry read from a shared document (which anyone could have written). */
export const participantValidator: T.Validator<Participant> = T.object({
  id: T.string.check((id) => {
    if (!PARTICIPANT_ID_PATTERN.test(id)) throw new T.ValidationError('Not a participant id')
  }),
  name: T.string.check((name) => {
    if (!name.trim() || name.length > MAX_NAME_LENGTH) {
      throw new T.ValidationError(`Expected a name of 1–${MAX_NAME_LENGTH} characters`)
    }
  }),
  role: T.literalEnum(...ROLE_IDS),
  roleOther: T.string.optional(),
  color: T.string,
})

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
