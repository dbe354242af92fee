import type { Participant } from '../../shared/participant'
import type { RoleId } from '../../shared/roles'

/** A valid participant id derived from a readable name, e.g. `p_sam0000000000000000000`. */
export function participantId(name: string): string {
  return `p_${name.padEnd(22, '0').slice(0, 22)}`
}

/** A valid participant for tests. */
export function testParticipant(
  name: string,
  role: RoleId = 'lived-experience',
  changes: Partial<Participant> = {},
): Participant {
  return { id: participantId(name.toLowerCase()), name, role, color: '#00798c', ...changes }
}
