import { creditedParticipant, type CreditLevel } from '../../shared/credit'
import type { Participant } from '../../shared/participant'
import type { StoredParticipant } from '../../server/storage/BoardRepository'
import type { RoleId } from '../../shared/roles'

/** A valid participant id derived from a readable name, e.g. `p_sam0000000000000000000`. */
export function participantId(name: string): string {
  return `p_${name.padEnd(22, '0').slice(0, 22)}`
}

/** A valid participant for tests, credited by full name unless told otherwise. */
export function testParticipant(
  name: string,
  role: RoleId = 'lived-experience',
  changes: { credit?: CreditLevel; roleOther?: string; pseudonym?: string; color?: string } = {},
): Participant {
  return creditedParticipant({
    id: participantId(name.toLowerCase()),
    name,
    role,
    credit: changes.credit ?? 'full-name',
    roleOther: changes.roleOther ?? null,
    pseudonym: changes.pseudonym ?? null,
    color: changes.color ?? '#00798c',
  })
}

/**
 * A participant as storage holds them, on `boardId`: full name, a practitioner with a device who
 * may view and edit, unless told otherwise.
 */
export function storedParticipant(
  name: string,
  boardId: string,
  changes: Partial<StoredParticipant> = {},
): StoredParticipant {
  return {
    id: participantId(name),
    boardId,
    name,
    role: 'practitioner',
    roleOther: null,
    credit: 'full-name',
    pseudonym: null,
    color: '#000',
    withoutDevice: false,
    addedBy: null,
    createdAt: 0,
    tokenHash: new Uint8Array(32),
    capabilities: ['view', 'edit'],
    ...changes,
  }
}
