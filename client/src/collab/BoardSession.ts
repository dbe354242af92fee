import { IndexeddbPersistence } from 'y-indexeddb'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { explainClose, isAuthCloseCode } from '../../../shared/closeCodes'
import { DocRoot } from '../../../shared/docLayout'
import type { PublishedPerson } from '../../../shared/participant'
import { COMMONMAP_SCHEMA_FINGERPRINT } from '../../../shared/commonmapSchemaFingerprint'
import { schemaFingerprint, type WritingForReply } from '../../../shared/protocol'
import { CURRENT_KEY, type ServerNotice } from '../../../shared/serverState'
import type { ConnectionState } from '../board/connectionState'
import { keptServerState } from '../common/keptServerState'
import { registerOfflineSupport } from '../common/registerOfflineSupport'
import type { RememberedIdentity } from '../common/rememberedIdentity'
import { bindServerState } from './bindServerState'
import { boardSocketAddress, takeOrOpenSocket } from './earlySocket'
import { sendOwnPresenceOnly } from './sendOwnPresenceOnly'
import { reconnectWhenMoved } from './reconnectWhenMoved'
import { ServerStateMirror } from './ServerStateMirror'
import { bindWritingFor, type WritingFor } from './writingFor'

const RELOAD_MESSAGE =
  'This board was changed by a newer version of Commonmap. Please reload the page.'

/** How long changes to the server state wait before they are kept on the device. */
const KEEP_DELAY_MS = 1000

/** Name of the IndexedDB database that keeps a board on this device. */
export const localDocName = (boardId: string) => `commonmap-board-${boardId}`

/** Options of {@link openBoardSession}. */
export interface BoardSessionOptions {
  /** The server refused something this connection sent, in plain words to show the person. */
  readonly onNotice?: (notice: ServerNotice) => void
  /**
   * Opened with a watch link: nothing is kept on this device (it may be a projector's, and a
   * participant's copy of the board in the same browser is theirs), and there is no presence.
   */
  readonly watching?: boolean
}

/**
 * One person's live connection to a board, the same for the canvas and the phone lane: the
 * board's Y.Doc kept on this device (y-indexeddb, so changes made offline survive a reload) and
 * synced with the server (y-websocket), the server state (kept on the device too), who this tab
 * adds things for, and the connection as people see it. It knows nothing of tldraw.
 */
export interface BoardSession {
  readonly doc: Y.Doc
  readonly awareness: Awareness
  /** What only the server decides about the board (shared/serverState.ts). */
  readonly serverState: ServerStateMirror
  /** Who this tab adds things for; see bindWritingFor. */
  readonly writingFor: WritingFor
  /** The server's last answer about who this tab adds things for. */
  readonly writingForReply: WritingForReply
  readonly connection: ConnectionState
  /** Everyone on the board as credited, with how many shapes each is credited on. */
  readonly people: ReadonlyMap<string, PublishedPerson>
  /**
   * True once the board can be shown: the server or this device's copy has delivered its
   * records, and the server has stated their schema, which is this version's.
   */
  readonly ready: boolean
  /** Set when the board cannot be read by this version (the page must be reloaded). */
  readonly unreadable?: string
  /** Calls `listener` after anything above changes. Returns the function that stops it. */
  subscribe(listener: () => void): () => void
  /** Disconnects and lets everything go. */
  close(): void
}

/**
 * Opens a board for the person whose token `identity` holds (or for a watch link's token). The doc is bound to nothing here:
 * the canvas binds a tldraw store to it, the phone lane reads and writes its records directly.
 */
export function openBoardSession(
  boardId: string,
  identity: Pick<RememberedIdentity, 'token'>,
  { onNotice, watching = false }: BoardSessionOptions = {},
): BoardSession {
  const doc = new Y.Doc()
  const local = watching ? undefined : new IndexeddbPersistence(localDocName(boardId), doc)
  const address = boardSocketAddress(boardId, identity.token)
  const provider = new WebsocketProvider(address.serverUrl, boardId, doc, {
    params: address.params,
    // The socket the page opened while its code was downloading, if it is still open.
    WebSocketPolyfill: takeOrOpenSocket as unknown as typeof WebSocket,
  })
  sendOwnPresenceOnly(provider)
  if (watching) provider.awareness.setLocalState(null)
  const stopReconnecting = reconnectWhenMoved(provider)
  const serverState = new ServerStateMirror()
  const unbindServerState = bindServerState(provider, serverState, { onNotice })
  const listeners = new Set<() => void>()
  const changed = () => listeners.forEach((listener) => listener())

  let keepTimer: ReturnType<typeof setTimeout> | undefined
  let keptOnce = false
  const keep = () => {
    keptOnce = true
    void keptServerState.write(boardId, serverState.toKept()).catch(() => {})
  }
  const stopFollowing = serverState.subscribe(() => {
    session.people = publishedPeople(serverState)
    checkReady()
    clearTimeout(keepTimer)
    // The first state at once: without a kept one (the board's schema in it) the board cannot
    // open offline, and a phone that lost its signal within a second of joining, then reloaded,
    // stayed on "Loading" (seen in CI). Later changes wait until the room is quiet a moment.
    if (!watching) {
      if (keptOnce) keepTimer = setTimeout(keep, KEEP_DELAY_MS)
      else keep()
    }
    changed()
  })
  if (!watching) {
    void keptServerState.read(boardId).then(
      (kept) => kept && serverState.restoreKept(kept),
      () => {},
    )
  }

  const writingFor = bindWritingFor(provider, (reply) => {
    session.writingForReply = reply
    changed()
  })

  const stop = (message: string, rejoin = false) => {
    provider.disconnect()
    session.connection = { kind: 'stopped', message, ...(rejoin && { rejoin }) }
    changed()
  }

  const checkReady = () => {
    // An empty doc is a board not delivered yet, from the server or this device's copy; its
    // records mean nothing until the server says which schema they follow.
    if (session.ready || session.unreadable) return
    if (doc.getArray(DocRoot.records).length === 0) return
    const boardSchema = serverState.get('schema').get(CURRENT_KEY)
    if (!boardSchema) return
    // By fingerprint: the phone lane does not load tldraw's schema code to compare it whole.
    if (schemaFingerprint(boardSchema) !== COMMONMAP_SCHEMA_FINGERPRINT) {
      // The server states the schema and migrates boards; another one means this page is old.
      session.unreadable = RELOAD_MESSAGE
      return stop(RELOAD_MESSAGE)
    }
    session.ready = true
    changed()
    registerOfflineSupport()
  }

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (session.connection.kind === 'stopped') return
    const online = status === 'connected'
    // Others forgot us when we dropped, and ignore a state whose clock they have already seen;
    // setting it again moves the clock on so they show us straight away.
    if (online && !watching) provider.awareness.setLocalState(provider.awareness.getLocalState())
    // While retrying after a drop, "connecting" is still offline as far as people are concerned.
    const retrying = status === 'connecting' && session.connection.kind === 'offline'
    session.connection = online
      ? { kind: 'online' }
      : status === 'connecting' && !retrying
        ? { kind: 'connecting' }
        : { kind: 'offline' }
    changed()
  }
  const onClose = (event: CloseEvent | null) => {
    if (!event) return
    const explanation = explainClose(event.code, event.reason)
    if (explanation.advice === 'stop') stop(explanation.message, isAuthCloseCode(event.code))
    else if (session.connection.kind !== 'stopped') {
      session.connection = { kind: 'offline', message: explanation.message }
      changed()
    }
  }
  const onSync = (synced: boolean) => {
    if (synced) checkReady()
  }
  // A dropped wifi can leave the socket looking open for half a minute; the browser knows
  // sooner, and people should see "Offline" as soon as it does.
  const onBrowserOffline = () => provider.disconnect()
  const onBrowserOnline = () => {
    if (session.connection.kind !== 'stopped') provider.connect()
  }
  provider.on('status', onStatus)
  provider.on('connection-close', onClose)
  provider.on('sync', onSync)
  local?.on('synced', checkReady)
  window.addEventListener('offline', onBrowserOffline)
  window.addEventListener('online', onBrowserOnline)

  const session: {
    -readonly [Key in keyof BoardSession]: BoardSession[Key]
  } = {
    doc,
    awareness: provider.awareness,
    serverState,
    writingFor,
    writingForReply: { for: null },
    connection: { kind: 'connecting' },
    people: new Map(),
    ready: false,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      listeners.clear()
      clearTimeout(keepTimer)
      stopFollowing()
      unbindServerState()
      stopReconnecting()
      writingFor.dispose()
      window.removeEventListener('offline', onBrowserOffline)
      window.removeEventListener('online', onBrowserOnline)
      provider.off('status', onStatus)
      provider.off('connection-close', onClose)
      provider.off('sync', onSync)
      provider.destroy()
      void local?.destroy()
      doc.destroy()
    },
  }
  return session
}

/** Everyone as credited, with how many shapes they are credited on. */
function publishedPeople(serverState: ServerStateMirror): Map<string, PublishedPerson> {
  const contributions = serverState.get('contributions')
  return new Map(
    [...serverState.get('people')].map(([id, person]) => [
      id,
      { ...person, contributions: contributions.get(id) ?? 0 },
    ]),
  )
}
