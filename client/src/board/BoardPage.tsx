import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  Tldraw,
  useEditor,
  useToasts,
  useValue,
  type Editor,
  type TLComponents,
  type TLShapeId,
} from 'tldraw'
import 'tldraw/tldraw.css'
import type { JoinRequest } from '../../../shared/api'
import { INVALID_LINK } from '../../../shared/closeCodes'
import type { PublishedPerson } from '../../../shared/participant'
import type { ServerNotice } from '../../../shared/serverState'
import { ALLOWED_IMAGE_TYPES, DEFAULT_MAX_ASSET_BYTES } from '../../../shared/limits'
import { joinBoard } from '../api'
import { registerAttribution } from '../collab/attribution'
import { Notice } from '../common/Notice'
import { ExportButton } from '../export/ExportDialog'
import {
  forgetIdentity,
  loadIdentity,
  saveIdentity,
  type RememberedIdentity,
} from '../common/rememberedIdentity'
import { RoutePreviewOverlay } from '../map/RoutePreviewOverlay'
import { ShapeFormPanel } from '../map/ShapeFormPanel'
import { showShape } from '../map/showShape'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'
import { settleRoutes } from '../shapes/updateRouteGeometry'
import { BOARD_TOOLS } from '../tools/boardTools'
import { AttributionLabel } from './AttributionLabel'
import {
  BoardContext,
  HighlightContext,
  SIDE_PANEL_TITLES,
  useBoardContext,
  type BoardContextValue,
  type Highlight,
  type HighlightContextValue,
  type SidePanelId,
} from './BoardContext'
import { BoardSidePanel } from './BoardSidePanel'
import { BOARD_UI_OVERRIDES } from './boardUiOverrides'
import {
  BoardKeyboardShortcutsDialog,
  BoardStylePanel,
  BoardToolbar,
  MapPanelButtons,
  SidePanelButton,
} from './mapUiSlots'
import { showWholeBoard } from './showWholeBoard'
import { SidePanelContent } from './SidePanelContent'
import { ConnectionBanner, ConnectionStatus } from './ConnectionStatus'
import { HighlightShapeWrapper } from './HighlightShapeWrapper'
import { JoinDialog } from './JoinDialog'
import { MyMenu } from './MyMenu'
import { registerLinkPasting } from './registerLinkPasting'
import { ShareButton } from './ShareDialog'
import { useBoardConnection } from './useBoardConnection'
import {
  useAttributions,
  useImported,
  useLicence,
  useServerFacts,
  useVoiceBalance,
} from './useBoardData'
import { usePeopleHere } from './usePeopleHere'
import { WhosHere } from './WhosHere'

// Fonts, icons and translations are bundled with the app: tldraw would otherwise load them
// from its CDN, and Commonmap never contacts another host.
const assetUrls = getAssetUrlsByImport()
// Props that tldraw compares by identity must not be new objects on every render, or it
// rebuilds the editor (and drops what the person was doing) each time.
const NO_VIDEOS: readonly string[] = []
/** Before the board is open: one empty list, so the board's context does not change each render. */
const NOBODY: ReadonlyMap<string, PublishedPerson> = new Map()

/**
 * A board that exists (BoardRoute looked it up): ask who the person is the first time (joining
 * through the server, which gives this device a token for the board), then open the shared
 * canvas.
 */
export default function BoardPage({ boardId, title }: { boardId: string; title: string }) {
  const [identity, setIdentity] = useState(() => loadIdentity(boardId))
  const [notice, setNotice] = useState<string>()

  const join = useCallback(
    async (request: JoinRequest) => {
      const { participant, token } = await joinBoard(boardId, request)
      if (!token) throw new Error('The server did not give this device a key for the board.')
      const joined: RememberedIdentity = { participant, token }
      saveIdentity(boardId, joined)
      setNotice(undefined)
      setIdentity(joined)
    },
    [boardId],
  )
  const joinAgain = useCallback(
    (why?: string) => {
      forgetIdentity(boardId)
      setNotice(why)
      setIdentity(undefined)
    },
    [boardId],
  )

  if (!identity) return <JoinDialog boardTitle={title} notice={notice} onJoin={join} />
  return (
    <BoardCanvas
      key={identity.token}
      boardId={boardId}
      title={title}
      identity={identity}
      onIdentityChanged={(changed) => {
        saveIdentity(boardId, changed)
        setIdentity(changed)
      }}
      onJoinAgain={joinAgain}
    />
  )
}

const components: TLComponents = {
  TopPanel: BoardTopBar,
  HelperButtons: MapPanelButtons,
  SharePanel: BoardSharePanel,
  InFrontOfTheCanvas: BoardOverlay,
  Toolbar: BoardToolbar,
  StylePanel: BoardStylePanel,
  KeyboardShortcutsDialog: BoardKeyboardShortcutsDialog,
  ShapeWrapper: HighlightShapeWrapper,
}

function BoardCanvas({
  boardId,
  title,
  identity,
  onIdentityChanged,
  onJoinAgain,
}: {
  boardId: string
  title: string
  identity: RememberedIdentity
  onIdentityChanged: (identity: RememberedIdentity) => void
  onJoinAgain: (why?: string) => void
}) {
  const uploadErrors = useRef<(message: string) => void>(() => {})
  const onUploadError = useCallback((message: string) => uploadErrors.current(message), [])
  const notices = useRef<(notice: ServerNotice) => void>(() => {})
  const onNotice = useCallback((notice: ServerNotice) => notices.current(notice), [])
  const board = useBoardConnection(boardId, identity, onUploadError, onNotice)
  const people = useValue('credited people', () => board?.people.get() ?? NOBODY, [board])
  const attributions = useAttributions(board?.serverState)
  const imported = useImported(board?.serverState)
  const voiceBalance = useVoiceBalance(board?.serverState)
  const licence = useLicence(board?.serverState)
  const canEdit = useServerFacts(board?.serverState)?.capabilities.includes('edit') ?? true
  const peopleHere = usePeopleHere(board?.awareness)
  const [editor, setEditor] = useState<Editor>()
  const [sidePanel, setSidePanel] = useState<SidePanelId | null>(null)
  const [formFocus, setFormFocus] = useState<TLShapeId>()
  const toggleSidePanel = useCallback(
    (panel: SidePanelId | null) => setSidePanel((open) => (open === panel ? null : panel)),
    [],
  )
  const [highlight, setHighlight] = useState<Highlight | null>(null)

  const context = useMemo<BoardContextValue | undefined>(
    () =>
      board && {
        boardId,
        title,
        identity,
        me: board.me,
        connection: board.connection,
        people,
        attributions,
        imported,
        voiceBalance,
        licence,
        peopleHere,
        sidePanel,
        toggleSidePanel,
        highlight,
        setHighlight,
        writingFor: board.writingFor,
        writingForReply: board.writingForReply,
        onProfileSaved: (participant) => onIdentityChanged({ ...identity, participant }),
        joinAsSomeoneNew: () => onJoinAgain(),
      },
    [
      board,
      boardId,
      title,
      identity,
      people,
      attributions,
      imported,
      voiceBalance,
      licence,
      peopleHere,
      sidePanel,
      toggleSidePanel,
      highlight,
      onIdentityChanged,
      onJoinAgain,
    ],
  )

  const highlighting = useMemo<HighlightContextValue>(
    () => ({ highlight, attributions, people }),
    [highlight, attributions, people],
  )

  // A refused token: this device's key for the board is no good; the way back is to join again.
  const refused = board?.connection.kind === 'stopped' && board.connection.rejoin
  useEffect(() => {
    if (refused) onJoinAgain(INVALID_LINK)
  }, [refused, onJoinAgain])

  const participantId = identity.participant.id
  const onMount = useCallback(
    (editor: Editor) => {
      registerLinkPasting(editor)
      const stopAttribution = registerAttribution(editor, () => participantId)
      settleRoutes(editor)
      showWholeBoard(editor)
      setEditor(editor)
      return () => {
        stopAttribution()
        setEditor(undefined)
      }
    },
    [participantId],
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
      <HighlightContext.Provider value={highlighting}>
        <div className="board-layout">
          {editor && sidePanel && (
            <BoardSidePanel title={SIDE_PANEL_TITLES[sidePanel]} onClose={() => setSidePanel(null)}>
              <SidePanelContent
                panel={sidePanel}
                editor={editor}
                people={people}
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
              <NoticeToasts subscribe={(show) => (notices.current = show)} />
              <ReadonlyWhenWatching canEdit={canEdit} />
            </Tldraw>
            {editor && (
              <ShapeFormPanel
                editor={editor}
                participants={[...people.values()]}
                focusShapeId={formFocus}
                onFocused={onFormFocused}
              />
            )}
          </div>
        </div>
      </HighlightContext.Provider>
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
      <SidePanelButton panel="people" />
    </div>
  )
}

/**
 * Top right: connection, who is here, the person's own menu, exporting (for everyone on the
 * board) and sharing.
 */
function BoardSharePanel() {
  const { boardId, title, connection, peopleHere, people, attributions, licence, identity } =
    useBoardContext()
  // Names of the people here as the server publishes them (awareness is client-written).
  const here = peopleHere.map((p) => people.get(p.id) ?? p)
  return (
    <div className="board-share-panel">
      <ConnectionStatus state={connection} />
      <WhosHere people={here} selfId={identity.participant.id} />
      <MyMenu />
      <ExportButton
        boardId={boardId}
        token={identity.token}
        board={{ title, people, attributions, licence }}
      />
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

/** A connection the server lets watch but not edit gets a canvas that cannot be changed. */
function ReadonlyWhenWatching({ canEdit }: { canEdit: boolean }) {
  const editor = useEditor()
  useEffect(() => {
    editor.updateInstanceState({ isReadonly: !canEdit })
  }, [editor, canEdit])
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
