import { useEffect, useState } from 'react'
import { atom, createTLStore, type Signal, type TLStoreWithStatus } from 'tldraw'
import { creditedParticipant } from '../../../shared/credit'
import type { PublishedPerson } from '../../../shared/participant'
import { NOTICES, type ServerNotice } from '../../../shared/serverState'
import { bindPresence } from '../collab/bindPresence'
import { bindStoreToYDoc } from '../collab/bindStoreToYDoc'
import { openBoardSession, type BoardSession } from '../collab/BoardSession'
import { createLocalParticipant, type LocalParticipant } from '../collab/localParticipant'
import type { RememberedIdentity } from '../common/rememberedIdentity'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'
import { createBoardAssetStore } from './boardAssetStore'

/** Everything the canvas needs from the live board. */
export interface BoardConnection {
  /** The board's connection, document and server state, as they are now. */
  readonly session: BoardSession
  readonly store: TLStoreWithStatus
  readonly me: LocalParticipant
  /** Everyone on the board as credited, with their contributions, for tldraw's user store. */
  readonly people: Signal<ReadonlyMap<string, PublishedPerson>>
}

/**
 * Opens a board for the canvas: its session (openBoardSession) and a tldraw store bound to the
 * session's document, with presence over its awareness. The canvas shows as soon as either the
 * server or this device's copy has the board, so a reload while offline still shows everything
 * edited before. Everything is torn down when the page leaves.
 */
export function useBoardConnection(
  boardId: string,
  identity: RememberedIdentity,
  onUploadError: (message: string) => void,
  onNotice: (notice: ServerNotice) => void,
): BoardConnection | undefined {
  const [connection, setConnection] = useState<BoardConnection>()

  useEffect(() => {
    const session = openBoardSession(boardId, identity, { onNotice })
    // What tldraw writes into the shared document as this person's name (`user:` records) and
    // what presence shows is the credited name, never the private one; the server's `people`
    // state then keeps it current when they change their choice.
    const people = atom<ReadonlyMap<string, PublishedPerson>>('credited people', new Map())
    const me = createLocalParticipant(creditedParticipant(identity.participant), people)
    const collaborationStatus = atom<'online' | 'offline'>('collaboration status', 'offline')
    const store = createTLStore({
      shapeUtils: BOARD_SHAPE_UTILS,
      bindingUtils: BOARD_BINDING_UTILS,
      assets: createBoardAssetStore(boardId, onUploadError),
      users: me,
      collaboration: { status: collaborationStatus },
    })
    const disposers: (() => void)[] = []
    const follow = () => {
      people.set(session.people)
      // Not published yet: keep what we have.
      const own = session.serverState.get('people').get(identity.participant.id)
      if (own) me.update(own)
      const online = session.connection.kind === 'online'
      collaborationStatus.set(online ? 'online' : 'offline')
      if (session.ready && disposers.length === 0) {
        disposers.push(
          bindStoreToYDoc(store, session.doc, {
            onTooLarge: () => onNotice({ code: 'too-large', ...NOTICES['too-large'] }),
          }),
          bindPresence(store, session.awareness, me),
        )
      }
      const status: TLStoreWithStatus = session.unreadable
        ? { status: 'error', error: new Error(session.unreadable) }
        : session.ready
          ? { status: 'synced-remote', store, connectionStatus: online ? 'online' : 'offline' }
          : { status: 'loading' }
      setConnection({ session, store: status, me, people })
    }
    const stopFollowing = session.subscribe(follow)
    follow()

    return () => {
      stopFollowing()
      for (const dispose of disposers.reverse()) dispose()
      session.close()
      store.dispose()
    }
    // A different participant is a different person: that takes a new connection. Name, role
    // and credit changes arrive through the server state without reconnecting.
  }, [boardId, identity.token, onNotice])

  return connection
}
