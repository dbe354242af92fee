import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { getParticipantsMap } from '../../../shared/docLayout'
import { participantValidator, type Participant } from '../../../shared/participant'

/**
 * Everyone who has joined the board, by id, kept up to date. Entries that are not valid (any
 * client can write to the document) are left out rather than shown.
 */
export function useParticipants(doc: Y.Doc | undefined): ReadonlyMap<string, Participant> {
  const [participants, setParticipants] = useState<ReadonlyMap<string, Participant>>(new Map())
  useEffect(() => {
    if (!doc) return
    const map = getParticipantsMap(doc)
    const read = () => setParticipants(validParticipants(map))
    read()
    map.observe(read)
    return () => map.unobserve(read)
  }, [doc])
  return participants
}

/** The valid entries of a participants map, keyed by id; an entry filed under another id is dropped. */
export function validParticipants(map: Y.Map<unknown>): Map<string, Participant> {
  const valid = new Map<string, Participant>()
  for (const [id, value] of map) {
    try {
      const participant = participantValidator.validate(value)
      if (participant.id === id) valid.set(id, participant)
    } catch {
      // Not shown; attribution falls back to "someone who is no longer listed".
    }
  }
  return valid
}
