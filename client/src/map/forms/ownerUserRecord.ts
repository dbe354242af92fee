import { createUserId, UserRecordType, type TLUser } from '@tldraw/tlschema'
import type { Participant } from '../../../../shared/participant'

/**
 * The tldraw user record an action's owner is named through. Such records only exist for people
 * who have edited something, so choosing someone else as an owner writes one for them (if the
 * board has none yet), and their name shows everywhere: copies and files too.
 */
export function ownerUserRecord(participant: Participant): TLUser {
  return UserRecordType.create({
    id: createUserId(participant.id),
    name: participant.name,
    color: participant.color,
  })
}
