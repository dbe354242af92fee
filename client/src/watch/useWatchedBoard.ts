import { useEffect, useState } from 'react'
import { createTLStore, type TLStoreWithStatus } from 'tldraw'
import { bindStoreToYDoc } from '../collab/bindStoreToYDoc'
import { openBoardSession, type BoardSession } from '../collab/BoardSession'
import { createBoardAssetStore } from '../board/boardAssetStore'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'

/** A board opened with a watch link, for the canvas. */
export interface WatchedBoard {
  readonly session: BoardSession
  readonly store: TLStoreWithStatus
}

/** Nothing can be added from a watch link: the server would drop it anyway. */
const NO_UPLOADS = () => {}

/**
 * Opens a board with a watch link's token: its session, with nothing kept on this device and no
 * presence, and a tldraw store bound to its document once the board has arrived. The canvas
 * only reads it. Everything is torn down when the page leaves.
 */
export function useWatchedBoard(boardId: string, token: string): WatchedBoard | undefined {
  const [watched, setWatched] = useState<WatchedBoard>()
  useEffect(() => {
    const session = openBoardSession(boardId, { token }, { watching: true })
    const store = createTLStore({
      shapeUtils: BOARD_SHAPE_UTILS,
      bindingUtils: BOARD_BINDING_UTILS,
      assets: createBoardAssetStore(boardId, NO_UPLOADS),
    })
    let unbind: (() => void) | undefined
    const follow = () => {
      if (session.ready && !unbind) unbind = bindStoreToYDoc(store, session.doc)
      const status: TLStoreWithStatus = session.unreadable
        ? { status: 'error', error: new Error(session.unreadable) }
        : session.ready
          ? { status: 'synced-remote', store, connectionStatus: 'online' }
          : { status: 'loading' }
      setWatched({ session, store: status })
    }
    const stopFollowing = session.subscribe(follow)
    follow()
    return () => {
      stopFollowing()
      unbind?.()
      session.close()
      store.dispose()
    }
  }, [boardId, token])
  return watched
}
