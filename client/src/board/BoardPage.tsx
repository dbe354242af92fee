import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  Tldraw,
  useEditor,
  useToasts,
  useValue,
  type Editor,
  type TLComponents,
  type TLRecord,
  type TLShapeId,
} from 'tldraw'
import 'tldraw/tldraw.css'
import type { ServerNotice } from '../../../shared/serverState'
import { ALLOWED_IMAGE_TYPES, DEFAULT_MAX_ASSET_BYTES } from '../../../shared/limits'
import { registerAttribution } from '../collab/attribution'
import { registerLayoutLock } from './registerLayoutLock'
import { Notice } from '../common/Notice'
import { RoutePreviewOverlay } from '../map/RoutePreviewOverlay'
import { ShapeFormPanel } from '../map/ShapeFormPanel'
import { HiddenLabels } from '../safety/HiddenLabels'
import { createHiddenVisibility } from '../safety/hiddenVisibility'
import { SelectedCardBar } from '../safety/SelectedCardBar'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'
import { settleRoutes } from '../shapes/updateRouteGeometry'
import { BOARD_TOOLS } from '../tools/boardTools'
import { ArrivalLabels } from './ArrivalLabels'
import { trackArrivals } from './arrivals'
import { AttributionLabel } from './AttributionLabel'
import {
  BoardContext,
  CanvasContext,
  HighlightContext,
  SIDE_PANEL_TITLES,
  type CanvasContextValue,
  type Highlight,
  type HighlightContextValue,
  type SidePanelId,
} from './BoardContext'
import { BoardHeader } from './BoardHeader'
import { boardHeaderControls } from './boardHeaderControls'
import { BoardSidePanel } from './BoardSidePanel'
import { BOARD_UI_OVERRIDES } from './boardUiOverrides'
import { HighlightShapeWrapper } from './HighlightShapeWrapper'
import {
  BoardKeyboardShortcutsDialog,
  BoardStylePanel,
  BoardToolbar,
  MapPanelButtons,
  SidePanelButton,
} from './mapUiSlots'
import { ModeBanners } from './ModeBanners'
import { openOnWorkingArea } from './openingView'
import { registerLinkPasting } from './registerLinkPasting'
import { SessionBar } from './SessionBar'
import { SidePanelContent } from './SidePanelContent'
import { useBoardConnection } from './useBoardConnection'
import { useBoardContextValue, type OpenBoardProps } from './useBoardContextValue'
import { useFollowSession } from './useFollowSession'
import { useServerFacts } from './useBoardData'

// Fonts, icons and translations are bundled with the app: tldraw would otherwise load them
// from its CDN, and Commonmap never contacts another host.
const assetUrls = getAssetUrlsByImport()
// Props that tldraw compares by identity must not be new objects on every render, or it
// rebuilds the editor (and drops what the person was doing) each time.
const NO_VIDEOS: readonly string[] = []
const NOTHING_SELECTED: readonly TLShapeId[] = []
const NONE_HIDDEN: ReadonlyMap<string, unknown> = new Map()

const components: TLComponents = {
  // The board's own top bar is above the canvas (BoardHeader), where nothing tldraw opens can
  // cover it; tldraw's own top slots stay empty.
  TopPanel: null,
  SharePanel: null,
  // A workshop's board is one page (the session's areas are frames on it); the page menu only
  // took room from the canvas, and on a small window covered the map's toolbar.
  PageMenu: null,
  HelperButtons: MapPanelButtons,
  NavigationPanel: null,
  InFrontOfTheCanvas: BoardOverlay,
  Toolbar: BoardToolbar,
  StylePanel: BoardStylePanel,
  KeyboardShortcutsDialog: BoardKeyboardShortcutsDialog,
  ShapeWrapper: HighlightShapeWrapper,
}

/**
 * The board as a shared canvas: tldraw with the service map's shapes, tools and panels, under
 * the board's top bar. The person has joined already (BoardRoute).
 */
export default function BoardPage(props: OpenBoardProps) {
  const { boardId, identity } = props
  const uploadErrors = useRef<(message: string) => void>(() => {})
  const onUploadError = useCallback((message: string) => uploadErrors.current(message), [])
  const notices = useRef<(notice: ServerNotice) => void>(() => {})
  const onNotice = useCallback((notice: ServerNotice) => notices.current(notice), [])
  const board = useBoardConnection(boardId, identity, onUploadError, onNotice)
  const context = useBoardContextValue(props, board?.session)
  const canEdit = useServerFacts(board?.session.serverState)?.capabilities.includes('edit') ?? true
  const [editor, setEditor] = useState<Editor>()
  const [sidePanel, setSidePanel] = useState<SidePanelId | null>(null)
  const [formFocus, setFormFocus] = useState<TLShapeId>()
  const toggleSidePanel = useCallback(
    (panel: SidePanelId | null) => setSidePanel((open) => (open === panel ? null : panel)),
    [],
  )
  const [highlight, setHighlight] = useState<Highlight | null>(null)
  // Following the facilitator is on for everyone who joins, until they stop it.
  const [following, setFollowing] = useState(true)
  const canvas = useMemo<CanvasContextValue>(
    () => ({ sidePanel, toggleSidePanel, highlight, setHighlight }),
    [sidePanel, toggleSidePanel, highlight],
  )
  const people = context?.people
  const attributions = context?.attributions
  const [arrivals, setArrivals] = useState<ReadonlySet<TLShapeId>>(new Set())
  const hidden = context?.hidden
  const canFacilitate = context?.canFacilitate ?? false
  // Only facilitators are shown cards hidden for review; everyone else's canvas leaves them out.
  const [visibility] = useState(createHiddenVisibility)
  useEffect(() => {
    visibility.set(canFacilitate ? new Set() : new Set(hidden?.keys()))
  }, [visibility, canFacilitate, hidden])
  const highlighting = useMemo<HighlightContextValue>(
    () => ({
      highlight,
      attributions: attributions ?? new Map(),
      people: people ?? new Map(),
      arrivals,
      hidden: (canFacilitate && hidden) || NONE_HIDDEN,
    }),
    [highlight, attributions, people, arrivals, canFacilitate, hidden],
  )

  const participantId = identity.participant.id
  const layoutLockedForMe = useRef(false)
  layoutLockedForMe.current = Boolean(context?.session?.lock) && !context?.canFacilitate
  const onMount = useCallback(
    (editor: Editor) => {
      registerLinkPasting(editor)
      const stopAttribution = registerAttribution(editor, () => participantId)
      const stopLayoutLock = registerLayoutLock(editor, () => layoutLockedForMe.current)
      const stopArrivals = trackArrivals(editor.store, setArrivals)
      settleRoutes(editor)
      openOnWorkingArea(editor)
      setEditor(editor)
      return () => {
        stopAttribution()
        stopLayoutLock()
        stopArrivals()
        setEditor(undefined)
      }
    },
    [participantId],
  )
  // A card added from a form is selected and its form takes the keyboard, but the view stays
  // where the person was looking: the form says where the card went.
  const onAdded = useCallback(
    (id: TLShapeId) => {
      if (!editor) return
      editor.select(id)
      setFormFocus(id)
    },
    [editor],
  )
  const onFormFocused = useCallback(() => setFormFocus(undefined), [])
  const selected = useValue('selected shapes', () => editor?.getSelectedShapeIds(), [editor])
  useFollowSession(editor, context?.session, following)

  useEffect(() => {
    document.title = `${props.title} · Commonmap`
  }, [props.title])

  if (!board || !context) return <Notice title="Opening the board…" busy />

  const readRecords = () =>
    editor ? (Object.values(editor.store.serialize('document')) as TLRecord[]) : []
  const loadDrawer = editor
    ? () => import('../export/boardPictures').then(({ canvasDrawer }) => canvasDrawer(editor))
    : undefined
  const sidePanelButton = (panel: SidePanelId) => ({
    id: panel,
    render: ({ closeMenu }: { closeMenu: () => void }) => (
      <SidePanelButton panel={panel} onOpened={closeMenu} />
    ),
  })
  const controls = boardHeaderControls(context, {
    exporting: { readRecords, selected: selected ?? NOTHING_SELECTED, loadDrawer },
    between: [
      { ...sidePanelButton('people'), inBarFrom: 'wide' },
      { ...sidePanelButton('list'), inBarFrom: 'never', elsewhereFrom: 'wide' },
      { ...sidePanelButton('legend'), inBarFrom: 'never', elsewhereFrom: 'wide' },
      { ...sidePanelButton('history'), inBarFrom: 'never', elsewhereFrom: 'wide' },
    ],
    otherView: { view: 'simple', label: 'Simple view', inBarFrom: 'wide' },
  })

  return (
    <BoardContext.Provider value={context}>
      <CanvasContext.Provider value={canvas}>
        <HighlightContext.Provider value={highlighting}>
          <div className="board-page board-page--canvas">
            <BoardHeader controls={controls} />
            <ModeBanners
              highlight={highlight}
              onStopHighlight={() => setHighlight(null)}
              onAddFromForm={() => setSidePanel('add')}
            />
            <SessionBar
              following={{ on: following, set: setFollowing }}
              run={
                (context.vote || context.canFacilitate) && (
                  <>
                    {context.vote && <SidePanelButton panel="vote" />}
                    {context.canFacilitate && <SidePanelButton panel="session" />}
                  </>
                )
              }
            />
            <div className="board-layout">
              {editor && sidePanel && (
                <BoardSidePanel
                  title={SIDE_PANEL_TITLES[sidePanel]}
                  onClose={() => setSidePanel(null)}
                >
                  <SidePanelContent
                    panel={sidePanel}
                    editor={editor}
                    people={context.people}
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
                  getShapeVisibility={visibility.getShapeVisibility}
                  licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
                  maxAssetSize={DEFAULT_MAX_ASSET_BYTES}
                  acceptedImageMimeTypes={ALLOWED_IMAGE_TYPES}
                  acceptedVideoMimeTypes={NO_VIDEOS}
                >
                  <UploadErrorToasts subscribe={(show) => (uploadErrors.current = show)} />
                  <NoticeToasts subscribe={(show) => (notices.current = show)} />
                  <ReadonlyCanvas readonly={!canEdit || Boolean(context?.session?.round)} />
                </Tldraw>
                {editor && <SelectedCardBar editor={editor} canEdit={canEdit} />}
                {editor && (
                  <ShapeFormPanel
                    editor={editor}
                    participants={[...context.people.values()]}
                    focusShapeId={formFocus}
                    onFocused={onFormFocused}
                  />
                )}
              </div>
            </div>
          </div>
        </HighlightContext.Provider>
      </CanvasContext.Provider>
    </BoardContext.Provider>
  )
}

function BoardOverlay() {
  return (
    <>
      <AttributionLabel />
      <ArrivalLabels />
      <HiddenLabels />
      <RoutePreviewOverlay />
    </>
  )
}

/** Shows what the server refused and why, in its plain words. */
function NoticeToasts({
  subscribe,
}: {
  subscribe: (show: (notice: ServerNotice) => void) => void
}) {
  const toasts = useToasts()
  useEffect(() => {
    subscribe((notice) =>
      toasts.addToast({ title: notice.title, description: notice.message, severity: 'warning' }),
    )
  }, [subscribe, toasts])
  return null
}

/**
 * A canvas that cannot be changed: for a connection the server lets watch but not edit, and for
 * everyone while a private round is open, when a card drawn straight on the shared canvas would
 * reach everyone at once (cards added from a form or the phone stay private then).
 */
function ReadonlyCanvas({ readonly }: { readonly: boolean }) {
  const editor = useEditor()
  useEffect(() => {
    editor.updateInstanceState({ isReadonly: readonly })
  }, [editor, readonly])
  return null
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
