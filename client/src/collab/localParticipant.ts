import {
  atom,
  computed,
  createUserId,
  isEqual,
  UserRecordType,
  type Signal,
  type TLUserStore,
} from 'tldraw'
import { participantValidator, type Participant } from '../../../shared/participant'

/**
 * The person using this tab. It is the `users` store to give `createTLStore`, so tldraw's own
 * attribution (`editor.getAttributionUserId()`, `user:` records) uses the participant id, and
 * what `bindPresence` publishes. Changing it updates both, with no rebinding.
 */
export interface LocalParticipant extends TLUserStore {
  readonly participant: Signal<Participant>
  /** A new name, role or colour. Throws if it is not valid or is someone else (another id). */
  update(participant: Participant): void
}

export function createLocalParticipant(initial: Participant): LocalParticipant {
  const $participant = atom('local participant', participantValidator.validate(initial), {
    isEqual,
  })
  const currentUser = computed('local participant user', () => {
    const { id, name, color } = $participant.get()
    return UserRecordType.create({ id: createUserId(id), name, color })
  })
  return {
    participant: $participant,
    currentUser,
    update(participant) {
      // Attribution points at the id, so a different id is a different person: that takes a new
      // LocalParticipant (and store), not an update.
      if (participant.id !== $participant.get().id) {
        throw new Error('A participant cannot change their id')
      }
      $participant.set(participantValidator.validate(participant))
    },
  }
}
