import { lazy, Suspense, useEffect } from 'react'
import { Notice } from '../common/Notice'
import { useBoardInfo } from './useBoardInfo'

// tldraw is most of the JavaScript. Its download starts at once, beside the board's lookup,
// but what the lookup finds never waits for it: a wrong link says so within a moment, however
// slow the device is at loading the canvas.
const loadBoardPage = () => import('./BoardPage')
const BoardPage = lazy(loadBoardPage)

/** `/b/<boardId>`: looks the board up, says plainly when it does not exist, else opens it. */
export function BoardRoute({ boardId }: { boardId: string }) {
  const board = useBoardInfo(boardId)
  useEffect(() => {
    void loadBoardPage()
  }, [])
  switch (board.kind) {
    case 'loading':
      return <Notice title="Opening the board…" busy />
    case 'missing':
      return (
        <Notice title="This board does not exist">
          Check that you copied the whole link, or ask the facilitator to share it again.
        </Notice>
      )
    case 'unreachable':
      return <Notice title="Cannot reach this board right now">{board.message}</Notice>
    case 'found':
      return (
        <Suspense fallback={<Notice title="Opening the board…" busy />}>
          <BoardPage boardId={boardId} title={board.title} />
        </Suspense>
      )
  }
}
