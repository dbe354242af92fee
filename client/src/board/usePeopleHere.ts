import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type { Participant } from '../../../shared/participant'
import { getParticipantsHere } from '../collab/participantsHere'

/** Who is on the board right now, updated as people come and go. */
export function usePeopleHere(awareness: Awareness | undefined): readonly Participant[] {
  const [people, setPeople] = useState<readonly Participant[]>([])
  useEffect(() => {
    if (!awareness) return
    const read = () => setPeople(getParticipantsHere(awareness))
    read()
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [awareness])
  return people
}
