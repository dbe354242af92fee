import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Tldraw, useToasts, type Editor, type TLComponents } from 'tldraw'
import 'tldraw/tldraw.css'
import { ALLOWED_IMAGE_TYPES, DEFAULT_MAX_ASSET_BYTES } from '../../../shared/limits'
import type { Participant } from '../../../shared/participant'
import { registerAttribution } from '../collab/attribution'
import { Notice } from '../common/Notice'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'
import { loadParticipant, saveParticipant } from '../common/rememberedParticipant'
import { AttributionLabel } from './AttributionLabel'
import { BoardContext, useBoardContext, type BoardContextValue } from './BoardContext'
import { ConnectionBanner, ConnectionStatus } from './ConnectionStatus'
import { JoinDialog } from './JoinDialog'
import { newParticipant } from './newParticipant'
import { registerLinkPasting } from './registerLinkPasting'
import { ShareButton } from './ShareDialog'
import { useBoardConnection } from './useBoardConnection'
import { useBoardInfo } from './useBoardInfo'
import { useParticipants } from './useParticipants'
import { usePeopleHere } from './usePeopleHere'
import { WhosHere } from './WhosHere'

// Fonts, icons and translations are bundled with the app: tldraw would otherwise load them
// from its CDN, and Commonmap never contacts another host.
const assetUrls = getAssetUrlsByImport()
// Props that tldraw compares by identity must not be new objects on every render, or it
// rebuilds the editor (and drops what the person was doing) each time.
const NO_VIDEOS: readonly string[] = []

/** A board: look it up, ask who the person is the first time, then open the shared canvas. */
export default function BoardPage({ boardId }: { boardId: string }) {
  const board = useBoardInfo(boardId)
  const [participant, setParticipant] = useState(() => loadParticipant(boardId))

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
      if (!participant) {
        return (
          <JoinDialog
            boardTitle={board.title}
            onJoin={(details) => {
              const joined = newParticipant(details)
              saveParticipant(boardId, joined)
              setParticipant(joined)
            }}
          />
        )
      }
      return <BoardCanvas boardId={boardId} title={board.title} participant={participant} />
  }
}

const components: TLComponents = {
  TopPanel: BoardTopBar,
  SharePanel: BoardSharePanel,
  InFrontOfTheCanvas: BoardOverlay,
}

function BoardCanvas({
  boardId,
  title,
  participant,
}: {
  boardId: string
  title: string
  participant: Participant
}) {
  const uploadErrors = useRef<(message: string) => void>(() => {})
  const onUploadError = useCallback((message: string) => uploadErrors.current(message), [])
  const board = useBoardConnection(boardId, participant, onUploadError)
  const participantsById = useParticipants(board?.doc)
  const peopleHere = usePeopleHere(board?.awareness)

  const context = useMemo<BoardContextValue | undefined>(
    () =>
      board && {
        boardId,
        title,
        me: board.me,
        connection: board.connection,
        participantsById,
        peopleHere,
      },
    [board, boardId, title, participantsById, peopleHere],
  )

  const onMount = useCallback(
    (editor: Editor) => {
      registerLinkPasting(editor)
      return registerAttribution(editor, () => participant.id)
    },
    [participant.id],
  )

  useEffect(() => {
    document.title = `${title} · Commonmap`
  }, [title])

  if (!board || !context) return <Notice title="Opening the board…" busy />
  return (
    <BoardContext.Provider value={context}>
      <div className="board-canvas">
        <Tldraw
          store={board.store}
          shapeUtils={BOARD_SHAPE_UTILS}
          bindingUtils={BOARD_BINDING_UTILS}
          assetUrls={assetUrls}
          components={components}
          onMount={onMount}
          licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
          maxAssetSize={DEFAULT_MAX_ASSET_BYTES}
          acceptedImageMimeTypes={ALLOWED_IMAGE_TYPES}
          acceptedVideoMimeTypes={NO_VIDEOS}
        >
          <UploadErrorToasts subscribe={(show) => (uploadErrors.current = show)} />
        </Tldraw>
      </div>
    </BoardContext.Provider>
  )
}

/** Top centre: the board's title and the way back to the start page. */
function BoardTopBar() {
  const { title } = useBoardContext()
  return (
    <div className="board-top">
      <a href="/" className="home-link">
        All boards
      </a>
      <h1 className="board-title">{title}</h1>
    </div>
  )
}

/** Top right: connection, who is here, and sharing. */
function BoardSharePanel() {
  const { boardId, connection, peopleHere, me } = useBoardContext()
  return (
    <div className="board-share-panel">
      <ConnectionStatus state={connection} />
      <WhosHere people={peopleHere} selfId={me.participant.get().id} />
      <ShareButton boardId={boardId} />
    </div>
  )
}

function BoardOverlay() {
  const { connection } = useBoardContext()
  return (
    <>
      <AttributionLabel />
      <ConnectionBanner state={connection} />
    </>
  )
}

/** Shows why the server refused a picture, next to tldraw's own "upload failed". */
function UploadErrorToasts({
  subscribe,
}: {
  subscribe: (show: (message: string) => void) => void
}) {
  const toasts = useToasts()
  useEffect(() => {
    subscribe((message) =>
      toasts.addToast({
        title: 'The picture was not added',
        description: message,
        severity: 'error',
      }),
    )
  }, [subscribe, toasts])
  return null
}
