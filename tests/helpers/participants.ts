import { creditedParticipant, type CreditLevel } from '../../shared/credit'
import type { Participant } from '../../shared/participant'
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
