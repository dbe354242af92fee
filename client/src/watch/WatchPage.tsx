import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { Tldraw, type Editor, type TLComponents } from 'tldraw'
import 'tldraw/tldraw.css'
import { boardPath } from '../../../shared/protocol'
import { areaByKey } from '../../../shared/sessionState'
import { AttributionLabelOf, type Credits } from '../board/AttributionLabel'
import { TimeLeftOf } from '../board/SessionBar'
import { useAttributions, useImported, useSession } from '../board/useBoardData'
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

/** Who each shape is credited to, for the label over the shape someone points at. */
const CreditsContext = createContext<Credits | undefined>(undefined)

function WatchCredits() {
  const credits = useContext(CreditsContext)
  return credits ? <AttributionLabelOf {...credits} /> : null
}

// Compared by identity by tldraw: one object for the page's whole life.
const components: TLComponents = { InFrontOfTheCanvas: WatchCredits }

/**
 * A board opened with a watch link: the canvas, read-only, following the facilitator from area
 * to area, with no tools, panels or join dialog; pointing at a shape says who it is credited to,
 * as each person chose. As the board to watch it says so above the
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
  const attributions = useAttributions(watched?.session.serverState)
  const imported = useImported(watched?.session.serverState)
  const people = watched?.session.people
  const credits = useMemo<Credits | undefined>(
    () => people && { people, attributions, imported, selfId: null },
    [people, attributions, imported],
  )
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
        <CreditsContext.Provider value={credits}>
          <Tldraw
            store={watched.store}
            shapeUtils={BOARD_SHAPE_UTILS}
            bindingUtils={BOARD_BINDING_UTILS}
            assetUrls={assetUrls}
            components={components}
            hideUi
            onMount={onMount}
            licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
          />
        </CreditsContext.Provider>
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
