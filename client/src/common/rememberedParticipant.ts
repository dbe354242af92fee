import { participantValidator, type Participant } from '../../../shared/participant'

const keyFor = (boardId: string) => `commonmap:participant:${boardId}`

/**
 * Who this person is on a board, as remembered on this device, or undefined the first time
 * (then the join dialog asks). Anything unreadable counts as not remembered.
 */
export function loadParticipant(
  boardId: string,
  storage: Storage = localStorage,
): Participant | undefined {
  try {
    const raw = storage.getItem(keyFor(boardId))
    return raw === null ? undefined : participantValidator.validate(JSON.parse(raw))
  } catch {
    return undefined
  }
}

/** Remembers who this person is on a board, on this device only. */
export function saveParticipant(
  boardId: string,
  participant: Participant,
  storage: Storage = localStorage,
): void {
  storage.setItem(keyFor(boardId), JSON.stringify(participant))
}
