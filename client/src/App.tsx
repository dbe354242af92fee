import { isBoardId } from '../../shared/protocol'
import { BoardRoute } from './board/BoardRoute'
import { Notice } from './common/Notice'
import { StartPage } from './start/StartPage'

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
    return <BoardRoute boardId={boardId} />
  }
  return (
    <Notice title="Page not found">
      There is nothing at this address. Go to the start page to open or start a board.
    </Notice>
  )
}
