import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  DefaultHelperButtons,
  DefaultKeyboardShortcutsDialog,
  DefaultKeyboardShortcutsDialogContent,
  DefaultStylePanel,
  DefaultToolbar,
  Tldraw,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  useEditor,
  useToasts,
  useTools,
  useValue,
  type Editor,
  type TLComponents,
  type TLShapeId,
  type TLUiHelperButtonsProps,
  type TLUiKeyboardShortcutsDialogProps,
  type TLUiStylePanelProps,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { assertNever } from '../../../shared/assertNever'
import { ALLOWED_IMAGE_TYPES, DEFAULT_MAX_ASSET_BYTES } from '../../../shared/limits'
import { isMapShape } from '../../../shared/mapShapes'
import type { Participant } from '../../../shared/participant'
import { registerAttribution } from '../collab/attribution'
import { Notice } from '../common/Notice'
import { AddToMapPanel } from '../map/AddToMapPanel'
import { LegendPanel } from '../map/LegendPanel'
import { MapListPanel } from '../map/MapListPanel'
import { RoutePreviewOverlay } from '../map/RoutePreviewOverlay'
import { ServiceMapToolbar } from '../map/ServiceMapToolbar'
import { ShapeFormPanel } from '../map/ShapeFormPanel'
import { showShape } from '../map/showShape'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'
import { settleRoutes } from '../shapes/updateRouteGeometry'
import { BOARD_TOOLS, MAP_TOOL_ITEMS } from '../tools/boardTools'
import { loadParticipant, saveParticipant } from '../common/rememberedParticipant'
import { AttributionLabel } from './AttributionLabel'
import {
  BoardContext,
  useBoardContext,
  type BoardContextValue,
  type SidePanelId,
} from './BoardContext'
import { BoardSidePanel, SIDE_PANEL_ID } from './BoardSidePanel'
import { BOARD_UI_OVERRIDES } from './boardUiOverrides'
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
  HelperButtons: BoardHelperButtons,
  SharePanel: BoardSharePanel,
  InFrontOfTheCanvas: BoardOverlay,
  Toolbar: BoardToolbar,
  StylePanel: BoardStylePanel,
  KeyboardShortcutsDialog: BoardKeyboardShortcutsDialog,
}

const SIDE_PANEL_TITLES: Record<SidePanelId, string> = {
  add: 'Add to the map',
  list: 'The map as a list',
  legend: 'What do the shapes mean?',
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

function SidePanelContent({
  panel,
  editor,
  participantsById,
  onAdded,
}: {
  panel: SidePanelId
  editor: Editor
  participantsById: ReadonlyMap<string, Participant>
  onAdded: (id: TLShapeId) => void
}) {
  switch (panel) {
    case 'add':
      return <AddToMapPanel editor={editor} onAdded={onAdded} />
    case 'list':
      return <MapListPanel editor={editor} participantsById={participantsById} />
    case 'legend':
      return <LegendPanel />
    default:
      return assertNever(panel)
  }
}

/**
 * Screen space at the canvas's edges that tldraw's menus, our title bar and the toolbars cover,
 * and that a whole-board view should leave clear.
 */
const COVERED_EDGES = { top: 72, bottom: 190, left: 24, right: 24 }

/**
 * Opens the board showing all of it, clear of the menus and toolbars, so a session laid out by
 * its template (or a map someone else made) is seen whole at first; never zoomed in past 100%
 * on a nearly empty board.
 */
function showWholeBoard(editor: Editor) {
  const bounds = editor.getCurrentPageBounds()
  const screen = editor.getViewportScreenBounds()
  const width = screen.w - COVERED_EDGES.left - COVERED_EDGES.right
  const height = screen.h - COVERED_EDGES.top - COVERED_EDGES.bottom
  if (!bounds || width <= 0 || height <= 0) return
  const z = Math.min(1, width / bounds.w, height / bounds.h)
  // Where the board's top left corner goes on the screen, centring it in the clear space.
  const left = COVERED_EDGES.left + (width - bounds.w * z) / 2
  const top = COVERED_EDGES.top + (height - bounds.h * z) / 2
  editor.setCamera({ x: left / z - bounds.x, y: top / z - bounds.y, z }, { immediate: true })
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

/** Top left, under tldraw's menus: the buttons that open the map's list and its legend. */
function BoardHelperButtons(props: TLUiHelperButtonsProps) {
  const { sidePanel, toggleSidePanel } = useBoardContext()
  return (
    <>
      <div className="board-panel-toggles">
        {(['list', 'legend'] as const).map((panel) => (
          <button
            key={panel}
            type="button"
            aria-expanded={sidePanel === panel}
            aria-controls={sidePanel === panel ? SIDE_PANEL_ID : undefined}
            onClick={() => toggleSidePanel(panel)}
          >
            {SIDE_PANEL_TITLES[panel]}
          </button>
        ))}
      </div>
      <DefaultHelperButtons {...props} />
    </>
  )
}

/** The bottom toolbar: the service map's own tools above tldraw's. */
function BoardToolbar() {
  const { toggleSidePanel } = useBoardContext()
  return (
    <div className="board-toolbar">
      <ServiceMapToolbar onAddFromForm={() => toggleSidePanel('add')} />
      <DefaultToolbar />
    </div>
  )
}

/**
 * tldraw's style panel, except while only the map's own shapes are selected: they have no
 * tldraw styles, and their form takes that place on the screen.
 */
function BoardStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const onlyMapShapes = useValue(
    'only map shapes selected',
    () => {
      const selected = editor.getSelectedShapes()
      return selected.length > 0 && selected.every(isMapShape)
    },
    [editor],
  )
  return onlyMapShapes ? null : <DefaultStylePanel {...props} />
}

/** tldraw's keyboard shortcuts, and the service map's. */
function BoardKeyboardShortcutsDialog(props: TLUiKeyboardShortcutsDialogProps) {
  const tools = useTools()
  return (
    <DefaultKeyboardShortcutsDialog {...props}>
      <DefaultKeyboardShortcutsDialogContent />
      <TldrawUiMenuGroup id="service-map" label="Service map">
        {MAP_TOOL_ITEMS.map((item) => {
          const tool = tools[item.id]
          return tool && <TldrawUiMenuItem key={item.id} {...tool} />
        })}
      </TldrawUiMenuGroup>
    </DefaultKeyboardShortcutsDialog>
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
