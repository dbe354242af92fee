import { useEffect, useState } from 'react'
import {
  atom,
  createTLStore,
  isEqual,
  type Signal,
  type TLStore,
  type TLStoreWithStatus,
} from 'tldraw'
import { IndexeddbPersistence } from 'y-indexeddb'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { explainClose, isAuthCloseCode } from '../../../shared/closeCodes'
import { creditedParticipant } from '../../../shared/credit'
import { DocRoot } from '../../../shared/docLayout'
import type { PublishedPerson } from '../../../shared/participant'
import { PROTOCOL_VERSION, WS_PATH, WS_QUERY, type WritingForReply } from '../../../shared/protocol'
import { COMMONMAP_SCHEMA_FINGERPRINT } from '../../../shared/schema'
import { CURRENT_KEY, NOTICES, type ServerNotice } from '../../../shared/serverState'
import { bindPresence } from '../collab/bindPresence'
import { bindServerState } from '../collab/bindServerState'
import { bindStoreToYDoc } from '../collab/bindStoreToYDoc'
import { createLocalParticipant, type LocalParticipant } from '../collab/localParticipant'
import { ServerStateMirror } from '../collab/ServerStateMirror'
import { bindWritingFor, type WritingFor } from '../collab/writingFor'
import { sendOwnPresenceOnly } from '../collab/sendOwnPresenceOnly'
import { keptServerState } from '../common/keptServerState'
import type { RememberedIdentity } from '../common/rememberedIdentity'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'
import { createBoardAssetStore } from './boardAssetStore'
import type { ConnectionState } from './connectionState'

/** Everything the board page needs from the live connection. */
export interface BoardConnection {
  readonly store: TLStoreWithStatus
  readonly connection: ConnectionState
  readonly doc: Y.Doc
  readonly awareness: Awareness
  readonly me: LocalParticipant
  /** What only the server decides about the board (shared/serverState.ts), kept on this device. */
  readonly serverState: ServerStateMirror
  /** Everyone on the board as credited, with their contributions, from the server state. */
  readonly people: Signal<ReadonlyMap<string, PublishedPerson>>
  /** Who this tab adds things for; see bindWritingFor. */
  readonly writingFor: WritingFor
  /** The server's last answer about who this tab adds things for. */
  readonly writingForReply: WritingForReply
}

const RELOAD_MESSAGE =
  'This board was changed by a newer version of Commonmap. Please reload the page.'

/** How long changes to the server state wait before they are kept on the device. */
const KEEP_DELAY_MS = 1000

/** Name of the IndexedDB database that keeps a board on this device. */
export const localDocName = (boardId: string) => `commonmap-board-${boardId}`

/**
 * Opens a board: its Y.Doc kept on this device (y-indexeddb) and synced with the server
 * (y-websocket), a tldraw store bound to it, and presence over awareness. The canvas shows as
 * soon as either the server or this device's copy has the board, so a reload while offline
 * still shows everything edited before. Everything is torn down when the page leaves.
 */
export function useBoardConnection(
  boardId: string,
  identity: RememberedIdentity,
  onUploadError: (message: string) => void,
  onNotice: (notice: ServerNotice) => void,
): BoardConnection | undefined {
  const [connection, setConnection] = useState<BoardConnection>()

  useEffect(() => {
    const doc = new Y.Doc()
    const local = new IndexeddbPersistence(localDocName(boardId), doc)
    const provider = new WebsocketProvider(socketBaseUrl(), boardId, doc, {
      params: {
        [WS_QUERY.protocolVersion]: String(PROTOCOL_VERSION),
        [WS_QUERY.schemaFingerprint]: COMMONMAP_SCHEMA_FINGERPRINT,
        [WS_QUERY.token]: identity.token,
      },
    })
    sendOwnPresenceOnly(provider)
    const serverState = new ServerStateMirror()
    const unbindServerState = bindServerState(provider, serverState, { onNotice })
    // What tldraw writes into the shared document as this person's name (`user:` records) and
    // what presence shows is the credited name, never the private one; the server's `people`
    // state then keeps it current when they change their choice.
    const people = atom<ReadonlyMap<string, PublishedPerson>>('credited people', new Map())
    const me = createLocalParticipant(creditedParticipant(identity.participant), people)
    let keepTimer: ReturnType<typeof setTimeout> | undefined
    const followServerState = () => {
      people.set(publishedPeople(serverState))
      // Not published yet: keep what we have.
      const own = serverState.get('people').get(identity.participant.id)
      if (own) me.update(own)
      bindWhenBoardIsKnown()
      clearTimeout(keepTimer)
      keepTimer = setTimeout(
        () => void keptServerState.write(boardId, serverState.toKept()).catch(() => {}),
        KEEP_DELAY_MS,
      )
    }
    const stopFollowing = serverState.subscribe(followServerState)
    void keptServerState.read(boardId).then(
      (kept) => kept && serverState.restoreKept(kept),
      () => {},
    )
    const collaborationStatus = atom<'online' | 'offline'>('collaboration status', 'offline')
    const store: TLStore = createTLStore({
      shapeUtils: BOARD_SHAPE_UTILS,
      bindingUtils: BOARD_BINDING_UTILS,
      assets: createBoardAssetStore(boardId, onUploadError),
      users: me,
      collaboration: { status: collaborationStatus },
    })

    let storeStatus: TLStoreWithStatus = { status: 'loading' }
    let connectionState: ConnectionState = { kind: 'connecting' }
    let writingForReply: WritingForReply = { for: null }
    const writingFor = bindWritingFor(provider, (reply) => {
      writingForReply = reply
      publish()
    })
    const publish = () =>
      setConnection({
        store: storeStatus,
        connection: connectionState,
        doc,
        awareness: provider.awareness,
        me,
        serverState,
        people,
        writingFor,
        writingForReply,
      })
    const stop = (message: string, rejoin = false) => {
      provider.disconnect()
      connectionState = { kind: 'stopped', message, ...(rejoin && { rejoin }) }
      publish()
    }

    const disposers: (() => void)[] = []
    let bound = false
    const bindWhenBoardIsKnown = () => {
      // Binding an empty doc would seed it from an empty store; wait until the server or this
      // device's copy has delivered the board's records, and the schema they follow.
      if (bound || doc.getArray(DocRoot.records).length === 0) return
      const boardSchema = serverState.get('schema').get(CURRENT_KEY)
      if (!boardSchema) return
      if (!isEqual(boardSchema, store.schema.serialize())) {
        // The server states the schema and migrates boards; another one means this page is old.
        storeStatus = { status: 'error', error: new Error(RELOAD_MESSAGE) }
        return stop(RELOAD_MESSAGE)
      }
      bound = true
      const onTooLarge = () => onNotice({ code: 'too-large', ...NOTICES['too-large'] })
      disposers.push(
        bindStoreToYDoc(store, doc, { onTooLarge }),
        bindPresence(store, provider.awareness, me),
      )
      if (storeStatus.status === 'loading') {
        storeStatus = {
          status: 'synced-remote',
          store,
          connectionStatus: collaborationStatus.get(),
        }
      }
      publish()
    }

    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (connectionState.kind === 'stopped') return
      const online = status === 'connected'
      collaborationStatus.set(online ? 'online' : 'offline')
      // Others forgot our cursor when we dropped, and ignore a state whose clock they have
      // already seen; setting it again moves the clock on so they show us straight away.
      if (online) provider.awareness.setLocalState(provider.awareness.getLocalState())
      // While retrying after a drop, "connecting" is still offline as far as people are concerned.
      const retrying = status === 'connecting' && connectionState.kind === 'offline'
      connectionState = online
        ? { kind: 'online' }
        : status === 'connecting' && !retrying
          ? { kind: 'connecting' }
          : { kind: 'offline' }
      if (storeStatus.status === 'synced-remote') {
        storeStatus = {
          status: 'synced-remote',
          store,
          connectionStatus: online ? 'online' : 'offline',
        }
      }
      publish()
    }
    const onClose = (event: CloseEvent | null) => {
      if (!event) return
      const explanation = explainClose(event.code)
      if (explanation.advice === 'stop') stop(explanation.message, isAuthCloseCode(event.code))
      else if (connectionState.kind !== 'stopped') {
        connectionState = { kind: 'offline', message: explanation.message }
        publish()
      }
    }
    const onSync = (synced: boolean) => {
      if (synced) bindWhenBoardIsKnown()
    }
    // A dropped wifi can leave the socket looking open for half a minute; the browser knows
    // sooner, and people should see "Offline" as soon as it does.
    const onBrowserOffline = () => provider.disconnect()
    const onBrowserOnline = () => {
      if (connectionState.kind !== 'stopped') provider.connect()
    }
    provider.on('status', onStatus)
    provider.on('connection-close', onClose)
    provider.on('sync', onSync)
    local.on('synced', bindWhenBoardIsKnown)
    window.addEventListener('offline', onBrowserOffline)
    window.addEventListener('online', onBrowserOnline)
    publish()

    return () => {
      for (const dispose of disposers.reverse()) dispose()
      clearTimeout(keepTimer)
      stopFollowing()
      unbindServerState()
      writingFor.dispose()
      window.removeEventListener('offline', onBrowserOffline)
      window.removeEventListener('online', onBrowserOnline)
      provider.off('status', onStatus)
      provider.off('connection-close', onClose)
      provider.off('sync', onSync)
      provider.destroy()
      void local.destroy()
      doc.destroy()
      store.dispose()
    }
    // A different participant is a different person: that takes a new connection. Name, role
    // and credit changes arrive through the server state without reconnecting.
  }, [boardId, identity.token, onNotice])

  return connection
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

/** The WebSocket origin of this page's server, with the board socket path. */
function socketBaseUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${window.location.host}${WS_PATH}`
}
