import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Tldraw, useToasts, type Editor, type TLComponents, type TLShapeId } from 'tldraw'
import 'tldraw/tldraw.css'
import { ALLOWED_IMAGE_TYPES, DEFAULT_MAX_ASSET_BYTES } from '../../../shared/limits'
import type { Participant } from '../../../shared/participant'
import { registerAttribution } from '../collab/attribution'
import { Notice } from '../common/Notice'
import { loadParticipant, saveParticipant } from '../common/rememberedParticipant'
import { RoutePreviewOverlay } from '../map/RoutePreviewOverlay'
import { ShapeFormPanel } from '../map/ShapeFormPanel'
import { showShape } from '../map/showShape'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'
import { settleRoutes } from '../shapes/updateRouteGeometry'
import { BOARD_TOOLS } from '../tools/boardTools'
import { AttributionLabel } from './AttributionLabel'
import {
  BoardContext,
  SIDE_PANEL_TITLES,
  useBoardContext,
  type BoardContextValue,
  type SidePanelId,
} from './BoardContext'
import { BoardSidePanel } from './BoardSidePanel'
import { BOARD_UI_OVERRIDES } from './boardUiOverrides'
import {
  BoardKeyboardShortcutsDialog,
  BoardStylePanel,
  BoardToolbar,
  MapPanelButtons,
} from './mapUiSlots'
import { showWholeBoard } from './showWholeBoard'
import { SidePanelContent } from './SidePanelContent'
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
  HelperButtons: MapPanelButtons,
  SharePanel: BoardSharePanel,
  InFrontOfTheCanvas: BoardOverlay,
  Toolbar: BoardToolbar,
  StylePanel: BoardStylePanel,
  KeyboardShortcutsDialog: BoardKeyboardShortcutsDialog,
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
  const [editor, setEditor] = useState<Editor>()
  const [sidePanel, setSidePanel] = useState<SidePanelId | null>(null)
  const [formFocus, setFormFocus] = useState<TLShapeId>()
  const toggleSidePanel = useCallback(
    (panel: SidePanelId | null) => setSidePanel((open) => (open === panel ? null : panel)),
    [],
  )

  const context = useMemo<BoardContextValue | undefined>(
    () =>
      board && {
        boardId,
        title,
        me: board.me,
        connection: board.connection,
        participantsById,
        peopleHere,
        sidePanel,
        toggleSidePanel,
      },
    [board, boardId, title, participantsById, peopleHere, sidePanel, toggleSidePanel],
  )

  const onMount = useCallback(
    (editor: Editor) => {
      registerLinkPasting(editor)
      const stopAttribution = registerAttribution(editor, () => participant.id)
      settleRoutes(editor)
      showWholeBoard(editor)
      setEditor(editor)
      return () => {
        stopAttribution()
        setEditor(undefined)
      }
    },
    [participant.id],
  )
  const onAdded = useCallback(
    (id: TLShapeId) => {
      if (!editor) return
      showShape(editor, id)
      setFormFocus(id)
    },
    [editor],
  )
  const onFormFocused = useCallback(() => setFormFocus(undefined), [])

  useEffect(() => {
    document.title = `${title} · Commonmap`
  }, [title])

  if (!board || !context) return <Notice title="Opening the board…" busy />
  return (
    <BoardContext.Provider value={context}>
      <div className="board-layout">
        {editor && sidePanel && (
          <BoardSidePanel title={SIDE_PANEL_TITLES[sidePanel]} onClose={() => setSidePanel(null)}>
            <SidePanelContent
              panel={sidePanel}
              editor={editor}
              participantsById={participantsById}
              onAdded={onAdded}
            />
          </BoardSidePanel>
        )}
        <div className="board-canvas">
          <Tldraw
            store={board.store}
            shapeUtils={BOARD_SHAPE_UTILS}
            bindingUtils={BOARD_BINDING_UTILS}
            tools={BOARD_TOOLS}
            overrides={BOARD_UI_OVERRIDES}
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
          {editor && (
            <ShapeFormPanel
              editor={editor}
              participants={[...participantsById.values()]}
              focusShapeId={formFocus}
              onFocused={onFormFocused}
            />
          )}
        </div>
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
      <RoutePreviewOverlay />
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
