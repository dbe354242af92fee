import { lazy, Suspense } from 'react'
import { boardIdInPath, isBoardId } from '../../shared/protocol'
import { BoardRoute } from './board/BoardRoute'
import { Notice } from './common/Notice'
import { watchAddressOf } from './watch/watchAddress'
import { WatchRoute } from './watch/WatchRoute'

// Its own download: a phone opening a board's link on a slow connection has no use for the
// start page's board import code.
const StartPage = lazy(() => import('./start/StartPage').then((m) => ({ default: m.StartPage })))

const DAMAGED_LINK = (
  <Notice title="This link is not quite right">
    The board address looks damaged. Check that you copied the whole link, or ask the facilitator to
    share it again.
  </Notice>
)

/**
 * Picks the page from the address: `/` is the start page, `/b/<boardId>` a board, and with a
 * watch link's token (`?watch=`) the board to watch or, at `/b/<boardId>/display`, the display
 * for a projector.
 */
export function App() {
  const path = window.location.pathname
  const watch = watchAddressOf(path, window.location.search)
  if (watch) {
    if (!isBoardId(watch.boardId)) return DAMAGED_LINK
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
    if (!isBoardId(boardId)) return DAMAGED_LINK
    return <BoardRoute boardId={boardId} />
  }
  return (
    <Notice title="Page not found">
      There is nothing at this address. Go to the start page to open or start a board.
    </Notice>
  )
}
