import { lazy, Suspense } from 'react'
import { isBoardId } from '../../shared/protocol'
import { Notice } from './common/Notice'
import { StartPage } from './start/StartPage'

// tldraw is most of the JavaScript; the start page should not wait for it.
const BoardPage = lazy(() => import('./board/BoardPage'))

/** Picks the page from the address: `/` is the start page, `/b/<boardId>` a board. */
export function App() {
  const path = window.location.pathname
  if (path === '/' || path === '') return <StartPage />
  const boardMatch = /^\/b\/([^/]+)\/?$/.exec(path)
  if (boardMatch) {
    const boardId = boardMatch[1] ?? ''
    if (!isBoardId(boardId)) {
      return (
        <Notice title="This link is not quite right">
          The board address looks damaged. Check that you copied the whole link, or ask the
          facilitator to share it again.
        </Notice>
      )
    }
    return (
      <Suspense fallback={<Notice title="Opening the board…" busy />}>
        <BoardPage boardId={boardId} />
      </Suspense>
    )
  }
  return (
    <Notice title="Page not found">
      There is nothing at this address. Go to the start page to open or start a board.
    </Notice>
  )
}
