import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { Notice } from '../common/Notice'
import { chooseBoardView, rememberBoardView, type BoardView } from './boardView'
import { JoinDialog } from './JoinDialog'
import { useBoardIdentity } from './useBoardIdentity'
import { useBoardInfo } from './useBoardInfo'

// tldraw is most of the JavaScript, and the phone lane has none of it: each view is its own
// download, started at once beside the board's lookup (and while the person fills in the join
// dialog). What the lookup finds never waits for it: a wrong link says so within a moment,
// however slow the device is at loading the canvas.
const loadBoardPage = () => import('./BoardPage')
const loadPhoneLane = () => import('../lane/PhoneLane')
const BoardPage = lazy(loadBoardPage)
const PhoneLane = lazy(loadPhoneLane)

/**
 * `/b/<boardId>`: looks the board up, says plainly when it does not exist, asks who the person
 * is the first time (joining through the server, which gives this device a token for the
 * board), then opens it as the canvas or, on a phone or by choice, as the phone lane.
 */
export function BoardRoute({ boardId }: { boardId: string }) {
  const board = useBoardInfo(boardId)
  const { identity, notice, join, joinAgain, changed } = useBoardIdentity(boardId)
  const [view, setView] = useState<BoardView>(() => chooseBoardView())
  const switchView = useCallback((next: BoardView) => {
    rememberBoardView(next)
    setView(next)
  }, [])
  useEffect(() => {
    void (view === 'simple' ? loadPhoneLane() : loadBoardPage())
  }, [view])

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
    case 'found': {
      if (!identity) return <JoinDialog boardTitle={board.title} notice={notice} onJoin={join} />
      const Page = view === 'simple' ? PhoneLane : BoardPage
      return (
        <Suspense fallback={<Notice title="Opening the board…" busy />}>
          <Page
            key={identity.token}
            boardId={boardId}
            title={board.title}
            identity={identity}
            onIdentityChanged={changed}
            onJoinAgain={joinAgain}
            onSwitchView={switchView}
          />
        </Suspense>
      )
    }
  }
}
