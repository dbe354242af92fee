import type { ParticipantProfile } from '../../../shared/api'
import { isCreditLevel } from '../../../shared/credit'
import { isParticipantId, tokenParticipantId } from '../../../shared/participant'
import { isRoleId } from '../../../shared/roles'
import { identityKey as keyFor } from './identityKey'

/**
 * Who this person is on one board, as this device remembers it: the profile the server
 * returned when they joined, and the token that proves it. Kept per board, on this device
 * only, so opening the board again is the same person (a rejoin), with no account.
 */
export interface RememberedIdentity {
  readonly participant: ParticipantProfile
  readonly token: string
}

/** This device's identity on a board, or undefined (then the join dialog asks). */
export function loadIdentity(
  boardId: string,
  storage: Storage = localStorage,
): RememberedIdentity | undefined {
  try {
    const raw = storage.getItem(keyFor(boardId))
    if (raw === null) return undefined
    const value = JSON.parse(raw) as Partial<RememberedIdentity> | null
    const participant = value?.participant
    if (
      !value ||
      typeof value.token !== 'string' ||
      !participant ||
      !isParticipantId(participant.id) ||
      tokenParticipantId(value.token) !== participant.id ||
      participant.boardId !== boardId ||
      typeof participant.name !== 'string' ||
      !isRoleId(participant.role) ||
      !isCreditLevel(participant.credit)
    ) {
      return undefined
    }
    return value as RememberedIdentity
  } catch {
    return undefined
  }
}

/** Remembers who this person is on a board, on this device. */
export function saveIdentity(
  boardId: string,
  identity: RememberedIdentity,
  storage: Storage = localStorage,
): void {
  storage.setItem(keyFor(boardId), JSON.stringify(identity))
}

/** Forgets this device's identity on a board ("Join as someone new", or a refused token). */
export function forgetIdentity(boardId: string, storage: Storage = localStorage): void {
  storage.removeItem(keyFor(boardId))
}
