import { lazy, Suspense } from 'react'
import { boardIdInPath, isBoardId } from '../../shared/protocol'
import { BoardRoute } from './board/BoardRoute'
import { DamagedBoardLink } from './board/DamagedBoardLink'
import { Notice } from './common/Notice'
import { watchAddressOf } from './watch/watchAddress'
import { WatchRoute } from './watch/WatchRoute'

// tldraw is most of the JavaScript, and the phone lane has none of it: each view is its own
// download.
const loadBoardPage = () => import('./board/BoardPage')
const loadPhoneLane = () => import('./lane/PhoneLane')
const BOARD_VIEWS = {
  board: { Page: lazy(loadBoardPage), preload: loadBoardPage },
  simple: { Page: lazy(loadPhoneLane), preload: loadPhoneLane },
} as const

// Its own download: a phone opening a board's link on a slow connection has no use for the
// start page's board import code.
const StartPage = lazy(() => import('./start/StartPage').then((m) => ({ default: m.StartPage })))

/**
 * Picks the page from the address: `/` is the start page, `/b/<boardId>` a board, and with a
 * watch link's token (`?watch=`) the board to watch or, at `/b/<boardId>/display`, the display
 * for a projector.
 */
export function App() {
  const path = window.location.pathname
  const watch = watchAddressOf(path, window.location.search)
  if (watch) {
    if (!isBoardId(watch.boardId)) return <DamagedBoardLink />
    return <WatchRoute boardId={watch.boardId} token={watch.token} display={watch.display} />
  }
  if (path === '/' || path === '') {
    return (
      <Suspense fallback={<Notice title="Opening Commonmap…" busy />}>
        <StartPage />
      </Suspense>
    )
  }
  const boardId = boardIdInPath(path)
  if (boardId !== undefined) {
    if (!isBoardId(boardId)) return <DamagedBoardLink />
    return <BoardRoute boardId={boardId} views={BOARD_VIEWS} />
  }
  return (
    <Notice title="Page not found">
      There is nothing at this address. Go to the start page to open or start a board.
    </Notice>
  )
}
