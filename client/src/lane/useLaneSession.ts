import { useEffect, useState } from 'react'
import type { Participant } from '../../../shared/participant'
import type { ServerNotice } from '../../../shared/serverState'
import { AwarenessField } from '../collab/awarenessFields'
import { openBoardSession, type BoardSession } from '../collab/BoardSession'
import type { RememberedIdentity } from '../common/rememberedIdentity'

/**
 * Opens a board for the phone lane: the same session as the canvas (the same document, offline
 * copy and queue of changes), without tldraw. The page draws again after anything in the
 * session changes: the returned object is new each time.
 */
export function useLaneSession(
  boardId: string,
  identity: RememberedIdentity,
  onNotice: (notice: ServerNotice) => void,
): { readonly session: BoardSession } | undefined {
  const [state, setState] = useState<{ session: BoardSession }>()
  useEffect(() => {
    const session = openBoardSession(boardId, identity, { onNotice })
    const stop = session.subscribe(() => setState({ session }))
    setState({ session })
    return () => {
      stop()
      session.close()
    }
    // A different participant is a different person: that takes a new connection.
  }, [boardId, identity.token, onNotice])
  return state
}

/**
 * Tells everyone else on the board that this person is here (their "who is here"), as the
 * canvas's presence does, without a cursor: the lane has none.
 */
export function useAnnouncePresence(session: BoardSession | undefined, self: Participant): void {
  // Awareness sends a message for every set, equal or not: only a change is worth one.
  const announced = JSON.stringify(self)
  useEffect(() => {
    session?.awareness.setLocalStateField(AwarenessField.participant, JSON.parse(announced))
  }, [session, announced])
}
