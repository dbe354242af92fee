import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { WebSocket } from 'ws'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { bindServerState } from '../../client/src/collab/bindServerState'
import { sendOwnPresenceOnly } from '../../client/src/collab/sendOwnPresenceOnly'
import { ServerStateMirror } from '../../client/src/collab/ServerStateMirror'
import { clientParams, isSyncStep2, roomLink, yWebsocketBase } from './roomLink'
import { SERVERS, type ServerProcess } from './serverProcess'

/**
 * A full client's connection, whichever provider the server needs: the y-websocket provider,
 * as the app uses it, or Hocuspocus's own (the plain y-websocket client cannot talk to it).
 */
export interface BenchProvider {
  readonly doc: Y.Doc
  readonly awareness: Awareness
  /** Calls `listener` with every frame the server sends, as it arrives, before it is applied. */
  onFrame(listener: (frame: Uint8Array) => void): void
  /**
   * Calls `listener` with the close code when the connection is lost, but not when
   * {@link close} ends it (1006 when the socket ended without a close frame).
   */
  onDrop(listener: (code: number) => void): void
  /** Disconnects and releases the document. */
  close(): void
}

/** The code of a socket that ended without a close frame. */
const ABNORMAL_CLOSURE = 1006

/** A provider that has synced, and when each step of its first sync happened. */
export interface OpenedProvider {
  readonly provider: BenchProvider
  /** From creating the provider (which opens the socket) to receiving sync step 2, in ms. */
  readonly syncFrameMs: number
  /** Size of that sync step 2 frame: the document as the server sent it. */
  readonly syncFrameBytes: number
  /** From creating the provider to its synced event (the update applied), in ms. */
  readonly syncedMs: number
}

/** A provider just created, and how to hear that it has synced. */
interface Connecting {
  readonly provider: BenchProvider
  onSynced(done: () => void): void
}

/**
 * Opens a provider on `doc` (a new, empty one) as the app does in a browser (WebSocket from
 * `ws`, no BroadcastChannel) and resolves once it has synced. Whatever observes `doc` is bound
 * before, so the sync includes its work, as in the app. A Commonmap client keeps the server
 * state as the app does, and is synced only once it has both the document and that state; the
 * other servers have no such state.
 */
export function openProvider(
  server: Pick<ServerProcess, 'kind' | 'url'>,
  room: string,
  doc: Y.Doc,
  { timeoutMs = 30_000, token }: { timeoutMs?: number; token?: string } = {},
): Promise<OpenedProvider> {
  const started = performance.now()
  const link = roomLink(server, room, token)
  const { provider, onSynced } =
    SERVERS[server.kind].protocol === 'hocuspocus'
      ? connectHocuspocus(link.url, room, doc)
      : connectYWebsocket(server, room, doc, token)
  let syncFrameMs = Number.NaN
  let syncFrameBytes = 0
  provider.onFrame((frame) => {
    if (Number.isNaN(syncFrameMs) && isSyncStep2(frame, link.prefix.byteLength)) {
      syncFrameMs = performance.now() - started
      syncFrameBytes = frame.byteLength
    }
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.close()
      reject(new Error(`No sync with ${room} within ${timeoutMs} ms`))
    }, timeoutMs)
    onSynced(() => {
      clearTimeout(timer)
      const syncedMs = performance.now() - started
      resolve({ provider, syncFrameMs, syncFrameBytes, syncedMs })
    })
  })
}

function connectYWebsocket(
  server: Pick<ServerProcess, 'kind' | 'url'>,
  room: string,
  doc: Y.Doc,
  token: string | undefined,
): Connecting {
  const provider = new WebsocketProvider(yWebsocketBase(server.url), room, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: clientParams(token),
  })
  // As the app does: y-websocket 3.1 sends every presence change back, other people's too, and
  // Commonmap closes a connection that keeps sending far more presence than its own (4129).
  sendOwnPresenceOnly(provider)
  if (SERVERS[server.kind].commonmap) bindServerState(provider, new ServerStateMirror())
  const socket = provider.ws as unknown as WebSocket
  let closed = false
  return {
    provider: {
      doc,
      awareness: provider.awareness,
      onFrame: (listener) =>
        // Ahead of the provider's own listener, so the time is the frame's arrival, not after
        // its (possibly long) application to the document.
        socket.prependListener('message', (data: ArrayBuffer) => listener(new Uint8Array(data))),
      onDrop: (listener) =>
        provider.on('connection-close', (event) => {
          if (!closed) listener(event?.code ?? ABNORMAL_CLOSURE)
        }),
      close() {
        closed = true
        provider.destroy()
        doc.destroy()
      },
    },
    onSynced(done) {
      const onSync = (synced: boolean) => {
        if (!synced) return
        provider.off('sync', onSync)
        done()
      }
      provider.on('sync', onSync)
    },
  }
}

function connectHocuspocus(url: string, room: string, doc: Y.Doc): Connecting {
  const frameListeners: ((frame: Uint8Array) => void)[] = []
  const socket = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: WebSocket,
    // Its configured listener runs before the one that hands frames to the provider, so the
    // time is the frame's arrival. It is given the socket's MessageEvent, whatever its type says.
    onMessage: (event) => {
      const frame = new Uint8Array((event as unknown as MessageEvent<ArrayBuffer>).data)
      for (const listener of frameListeners) listener(frame)
    },
  })
  // No token: the bench's Hocuspocus has no onAuthenticate hook, and accepts any.
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: room, document: doc })
  // Hocuspocus 4 attaches a provider to a socket it was given only when asked.
  provider.attach()
  let closed = false
  return {
    provider: {
      doc,
      awareness: provider.awareness as Awareness,
      onFrame: (listener) => frameListeners.push(listener),
      onDrop: (listener) =>
        provider.on('close', ({ event }: { event: CloseEvent }) => {
          if (!closed) listener(event.code)
        }),
      close() {
        closed = true
        provider.destroy()
        socket.destroy()
        doc.destroy()
      },
    },
    onSynced(done) {
      const onSynced = ({ state }: { state: boolean }) => {
        if (!state) return
        provider.off('synced', onSynced)
        done()
      }
      provider.on('synced', onSynced)
    },
  }
}
