import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { messageYjsSyncStep2 } from 'y-protocols/sync'
import * as Y from 'yjs'
import { bindServerState } from '../../client/src/collab/bindServerState'
import { ServerStateMirror } from '../../client/src/collab/ServerStateMirror'
import { MessageType } from '../../server/room/wireMessages'
import { PROTOCOL_VERSION, WS_PATH, WS_QUERY } from '../../shared/protocol'
import { COMMONMAP_SCHEMA_FINGERPRINT } from '../../shared/schema'

/**
 * The query a Commonmap client adds to its socket URL. The reference server ignores it, and
 * takes everything after the first slash as the room name, so one URL serves both servers.
 */
const CLIENT_PARAMS = {
  [WS_QUERY.protocolVersion]: String(PROTOCOL_VERSION),
  [WS_QUERY.schemaFingerprint]: COMMONMAP_SCHEMA_FINGERPRINT,
}

/** The query of a client with `token` (Commonmap's participant token, if any). */
function clientParams(token: string | undefined): Record<string, string> {
  return { ...CLIENT_PARAMS, ...(token && { [WS_QUERY.token]: token }) }
}

/** The socket URL of `room` on the server at `serverUrl` (http://…), as the app builds it. */
export function boardSocketUrl(serverUrl: string, room: string, token?: string): string {
  return `${wsBase(serverUrl)}/${room}?${new URLSearchParams(clientParams(token))}`
}

/** A provider that has synced, and when each step of its first sync happened. */
export interface OpenedProvider {
  readonly provider: WebsocketProvider
  /** From creating the provider (which opens the socket) to receiving sync step 2, in ms. */
  readonly syncFrameMs: number
  /** Size of that sync step 2 frame: the document as the server sent it. */
  readonly syncFrameBytes: number
  /** From creating the provider to its `sync` event (the update applied), in ms. */
  readonly syncedMs: number
}

/**
 * Opens a y-websocket provider on `doc` (a new, empty one) as the app does in a browser
 * (WebSocket from `ws`, no BroadcastChannel) and resolves once it has synced. Whatever observes
 * `doc` is bound before, so the sync includes its work, as in the app. A Commonmap client (one
 * with a `token`) keeps the server state as the app does, and is synced only once it has both
 * the document and that state; the reference server has no such state.
 */
export function openProvider(
  serverUrl: string,
  room: string,
  doc: Y.Doc,
  { timeoutMs = 30_000, token }: { timeoutMs?: number; token?: string } = {},
): Promise<OpenedProvider> {
  const started = performance.now()
  const provider = new WebsocketProvider(wsBase(serverUrl), room, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: clientParams(token),
  })
  if (token) bindServerState(provider, new ServerStateMirror())
  let syncFrameMs = Number.NaN
  let syncFrameBytes = 0
  // Ahead of the provider's own listener, so the time is the frame's arrival, not after its
  // (possibly long) application to the document.
  ;(provider.ws as unknown as WebSocket).prependListener('message', (data: ArrayBuffer) => {
    const bytes = new Uint8Array(data)
    const isSyncStep2 = bytes[0] === MessageType.sync && bytes[1] === messageYjsSyncStep2
    if (isSyncStep2 && Number.isNaN(syncFrameMs)) {
      syncFrameMs = performance.now() - started
      syncFrameBytes = bytes.byteLength
    }
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      closeProvider(provider)
      reject(new Error(`No sync with ${room} within ${timeoutMs} ms`))
    }, timeoutMs)
    const onSync = (synced: boolean) => {
      if (!synced) return
      clearTimeout(timer)
      provider.off('sync', onSync)
      const syncedMs = performance.now() - started
      resolve({ provider, syncFrameMs, syncFrameBytes, syncedMs })
    }
    provider.on('sync', onSync)
  })
}

/** Disconnects a provider and releases its document. */
export function closeProvider(provider: WebsocketProvider): void {
  provider.destroy()
  provider.doc.destroy()
}

function wsBase(serverUrl: string): string {
  return serverUrl.replace(/^http/, 'ws') + WS_PATH
}
