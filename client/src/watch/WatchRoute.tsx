import { lazy, Suspense } from 'react'
import { Notice } from '../common/Notice'
import { BoardLookupNotice } from '../board/BoardLookupNotice'
import { useBoardInfo } from '../board/useBoardInfo'

// The canvas is most of the JavaScript: its own download, started beside the board's lookup.
const loadWatchPage = () => import('./WatchPage')
const WatchPage = lazy(loadWatchPage)

/**
 * A board opened with a watch link: looked up like any board, then shown read-only, with no
 * join dialog (watching makes nobody a participant), as the board or as the projector display.
 */
export function WatchRoute({
  boardId,
  token,
  display,
}: {
  boardId: string
  token: string | null
  display: boolean
}) {
  const board = useBoardInfo(boardId)
  if (!token) {
    return (
      <Notice title="This link is missing its key">
        Open the display from “Run the session” on the board, or ask the facilitator for the whole
        link.
      </Notice>
    )
  }
  void loadWatchPage()
  if (board.kind !== 'found') return <BoardLookupNotice board={board} />
  return (
    <Suspense fallback={<Notice title="Opening the board…" busy />}>
      <WatchPage boardId={boardId} title={board.title} token={token} display={display} />
    </Suspense>
  )
}
