import {
  atom,
  computed,
  createUserId,
  isEqual,
  UserRecordType,
  type Signal,
  type TLUser,
  type TLUserStore,
} from 'tldraw'
import { participantValidator, type Participant } from '../../../shared/participant'

/**
 * The person using this tab. It is the `users` store to give `createTLStore`, so tldraw's own
 * attribution (`editor.getAttributionUserId()`, `user:` records) uses the participant id, and
 * what `bindPresence` publishes. Changing it updates both, with no rebinding.
 *
 * `people` is everyone as they chose to be credited (the server-owned `participants` root). tldraw
 * asks it for the names it draws itself, like the name in a note's corner, on screen and in
 * exported pictures, so those follow each person's credit choice too ("not named" included)
 * rather than the `user:` records any client can write.
 */
export interface LocalParticipant extends TLUserStore {
  readonly participant: Signal<Participant>
  /** A new name, role or colour. Throws if it is not valid or is someone else (another id). */
  update(participant: Participant): void
}

export function createLocalParticipant(
  initial: Participant,
  people: Signal<ReadonlyMap<string, Participant>> = atom('nobody else', new Map()),
): LocalParticipant {
  const $participant = atom('local participant', participantValidator.validate(initial), {
    isEqual,
  })
  const currentUser = computed('local participant user', () => {
    const { id, name, color } = $participant.get()
    return UserRecordType.create({ id: createUserId(id), name, color })
  })
  const resolved = new Map<string, Signal<TLUser | null>>()
  const resolve = (userId: string) => {
    let user = resolved.get(userId)
    if (!user) {
      user = computed(`credited user ${userId}`, () => {
        const person = people.get().get(userId)
        return person
          ? UserRecordType.create({
              id: createUserId(userId),
              name: person.name,
              color: person.color,
            })
          : null
      })
      resolved.set(userId, user)
    }
    return user
  }
  return {
    participant: $participant,
    currentUser,
    resolve,
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
