import { Suspense, useCallback, useEffect, useState, type ComponentType } from 'react'
import { Notice } from '../common/Notice'
import { chooseBoardView, rememberBoardView, type BoardView } from './boardView'
import { BoardLookupNotice } from './BoardLookupNotice'
import { JoinDialog } from './JoinDialog'
import { useBoardIdentity } from './useBoardIdentity'
import { useBoardInfo } from './useBoardInfo'
import type { OpenBoardProps } from './useBoardContextValue'

/** A board's view, with a way to start its download before it is shown. */
export interface BoardViewPage {
  readonly Page: ComponentType<OpenBoardProps>
  readonly preload?: () => unknown
}

/**
 * `/b/<boardId>`: looks the board up, says plainly when it does not exist, asks who the person
 * is the first time (joining through the server, which gives this device a token for the
 * board), then opens it as the canvas or, on a phone or by choice, as the phone lane. The
 * chosen view's download starts at once, beside the board's lookup (and while the person fills
 * in the join dialog): what the lookup finds never waits for it, so a wrong link says so within
 * a moment, however slow the device is at loading the canvas.
 */
export function BoardRoute({
  boardId,
  views,
}: {
  boardId: string
  views: Readonly<Record<BoardView, BoardViewPage>>
}) {
  const board = useBoardInfo(boardId)
  const { identity, notice, join, joinAgain, changed } = useBoardIdentity(boardId)
  const [view, setView] = useState<BoardView>(() => chooseBoardView())
  const switchView = useCallback((next: BoardView) => {
    rememberBoardView(next)
    setView(next)
  }, [])
  const { Page, preload } = views[view]
  useEffect(() => {
    preload?.()
  }, [preload])

  if (board.kind !== 'found') return <BoardLookupNotice board={board} />
  if (!identity) return <JoinDialog boardTitle={board.title} notice={notice} onJoin={join} />
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
