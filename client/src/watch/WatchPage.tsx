import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useState } from 'react'
import { Tldraw, type Editor } from 'tldraw'
import 'tldraw/tldraw.css'
import { boardPath } from '../../../shared/protocol'
import { areaByKey } from '../../../shared/sessionState'
import { TimeLeftOf } from '../board/SessionBar'
import { useSession } from '../board/useBoardData'
import { useFollowSession } from '../board/useFollowSession'
import { useServerClockOffset } from '../board/useSessionTime'
import { Notice } from '../common/Notice'
import { useQrCode } from '../common/useQrCode'
import { useShareOrigin } from '../common/useShareOrigin'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'
import { useWatchedBoard } from './useWatchedBoard'

// Bundled, as on the board's page: Commonmap never contacts another host.
const assetUrls = getAssetUrlsByImport()
// As big as a projector allows: people at the back of the room scan it from their seats.
const QR_PIXELS = 320

/**
 * A board opened with a watch link: the canvas, read-only, following the facilitator from area
 * to area, with no tools, panels or join dialog. As the board to watch it says so above the
 * canvas; as the projector display (`display`) it shows beside it, large, the area the group is
 * at, its prompt, the time left, and a QR code with the board's link to join on a phone.
 */
export default function WatchPage({
  boardId,
  title,
  token,
  display,
}: {
  boardId: string
  title: string
  token: string
  display: boolean
}) {
  const watched = useWatchedBoard(boardId, token)
  const session = useSession(watched?.session.serverState)
  const offset = useServerClockOffset(boardId, token)
  const [editor, setEditor] = useState<Editor>()
  useFollowSession(editor, session, true)
  const onMount = useCallback((mounted: Editor) => {
    mounted.updateInstanceState({ isReadonly: true })
    setEditor(mounted)
    return () => setEditor(undefined)
  }, [])
  useEffect(() => {
    document.title = `${display ? 'Display' : 'Watching'}: ${title} · Commonmap`
  }, [display, title])

  if (!watched) return <Notice title="Opening the board…" busy />
  const { connection } = watched.session
  if (connection.kind === 'stopped') {
    return <Notice title="This link no longer shows the board">{connection.message}</Notice>
  }
  const area = session?.stage ? areaByKey(session.stage.area) : undefined
  return (
    <div className={display ? 'watch-page watch-page--display' : 'watch-page'}>
      {!display && (
        <header className="watch-header cm">
          <h1 className="board-title">{title}</h1>
          <p>You are watching. Nothing can be changed from this link.</p>
          {area && (
            <p>
              <span className="session-bar__label">Now:</span> {area.name}
            </p>
          )}
          <TimeLeftOf timer={session?.timer} offset={offset} />
        </header>
      )}
      <main className="watch-canvas" aria-label={`The board ${title}`}>
        <Tldraw
          store={watched.store}
          shapeUtils={BOARD_SHAPE_UTILS}
          bindingUtils={BOARD_BINDING_UTILS}
          assetUrls={assetUrls}
          hideUi
          onMount={onMount}
          licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
        />
      </main>
      {display && (
        <DisplayPanel
          boardId={boardId}
          title={title}
          area={area}
          session={session}
          offset={offset}
        />
      )}
      {connection.kind === 'offline' && (
        <p className="watch-offline" role="status">
          {connection.message ?? 'The connection to the board was lost. Reconnecting…'}
        </p>
      )}
    </div>
  )
}

/** The projector's side: where the group is, the time left, and how to join. */
function DisplayPanel({
  boardId,
  title,
  area,
  session,
  offset,
}: {
  boardId: string
  title: string
  area: ReturnType<typeof areaByKey>
  session: ReturnType<typeof useSession>
  /** How far this device's clock is behind the server's, in ms. */
  offset: number
}) {
  const { origin } = useShareOrigin()
  const joinLink = origin + boardPath(boardId)
  const qr = useQrCode(joinLink, QR_PIXELS)
  return (
    <aside className="display-panel" aria-label="What the group is doing now">
      <p className="display-title">{title}</p>
      {area ? (
        <>
          <h1 className="display-area">{area.name}</h1>
          <p className="display-prompt">{area.prompt}</p>
        </>
      ) : (
        <h1 className="display-area">Welcome</h1>
      )}
      <div className="display-timer">
        <TimeLeftOf timer={session?.timer} offset={offset} />
      </div>
      <figure className="display-join">
        {qr && (
          <img
            src={qr}
            alt={`QR code to join the board: ${joinLink}`}
            width={QR_PIXELS}
            height={QR_PIXELS}
          />
        )}
        <figcaption>
          Scan to join on your phone, or go to <span className="display-link">{joinLink}</span>
        </figcaption>
      </figure>
    </aside>
  )
}
