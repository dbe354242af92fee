import type { Awareness } from 'y-protocols/awareness'
import { participantValidator, type Participant } from '../../../shared/participant'
import { AwarenessField } from './awarenessFields'

/**
 * The people on the board right now, for the "who's here" list: one entry per person (someone
 * with two tabs open is one person), sorted by name. Entries that are not valid participants are
 * left out, since any client can put anything in its awareness state. Includes this tab's person.
 */
export function getParticipantsHere(awareness: Awareness): Participant[] {
  const byId = new Map<string, Participant>()
  // When one person's tabs disagree (a new name typed in one of them), the tab with the lowest
  // client id speaks for them, so the list does not flicker between the two.
  const clientIds = [...awareness.getStates().keys()].sort((a, b) => a - b)
  for (const clientId of clientIds) {
    const state = awareness.getStates().get(clientId)
    let participant: Participant
    try {
      participant = participantValidator.validate(state?.[AwarenessField.participant])
    } catch {
      continue
    }
    if (!byId.has(participant.id)) byId.set(participant.id, participant)
  }
  return [...byId.values()].sort(
    (a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
