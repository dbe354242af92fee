import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type { Participant } from '../../../shared/participant'
import { getParticipantsHere } from '../collab/participantsHere'

/** Who is on the board right now, updated as people come and go. */
export function usePeopleHere(awareness: Awareness | undefined): readonly Participant[] {
  const [people, setPeople] = useState<readonly Participant[]>([])
  useEffect(() => {
    if (!awareness) return
    // Awareness changes with every cursor move; only a change of who is here is news.
    const read = () =>
      setPeople((before) => {
        const now = getParticipantsHere(awareness)
        return JSON.stringify(now) === JSON.stringify(before) ? before : now
      })
    read()
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [awareness])
  return people
}
