import type { TLRecord } from '@tldraw/tlschema'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { bindServerState } from '../../client/src/collab/bindServerState'
import { reconnectWhenMoved } from '../../client/src/collab/reconnectWhenMoved'
import { ServerStateMirror } from '../../client/src/collab/ServerStateMirror'
import { sendOwnPresenceOnly } from '../../client/src/collab/sendOwnPresenceOnly'
import { getRecordStore } from '../../shared/docLayout'
import type { ServerNotice } from '../../shared/serverState'
import { WS_PATH, WS_QUERY } from '../../shared/protocol'
import { joinBoard } from './createBoard'
import { waitFor } from './waitFor'

/** A y-websocket client in Node, as a browser tab would run it. */
export interface TestClient {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  readonly records: YKeyValue<TLRecord>
  /** The board's server state, as the app keeps it. */
  readonly state: ServerStateMirror
  /** What the server refused and said so, oldest first. */
  readonly notices: ServerNotice[]
  /** Close codes of every connection this client saw closed, oldest first. */
  readonly closeCodes: number[]
  /** The participant this client connected as (from its token). */
  readonly participantId: string | undefined
  /** The token it presents. */
  readonly token: string | undefined
  /**
   * Every frame the server sent this client, as received, oldest first: what a test searches
   * to show something never reached a connection.
   */
  readonly frames: Uint8Array[]
  /** Records by id, for comparisons. */
  snapshot(): Record<string, unknown>
  /** Disconnects and releases the document. */
  close(): void
}

/** Options of {@link connectClient}. */
export interface ConnectOptions {
  /** Query parameters, e.g. the protocol version and schema fingerprint (`WS_QUERY`). */
  readonly params?: Record<string, string>
  /** Wait until the first sync completed (default true). */
  readonly waitForSync?: boolean
  /**
   * The participant token to present. By default the client first joins the board through the
   * API as a new participant; `null` connects with no token at all.
   */
  readonly token?: string | null
}

/**
 * Connects a `y-websocket` provider to a board on a running server as the app does (sending only
 * its own presence; `WebSocketPolyfill` from `ws`, no BroadcastChannel), and waits until it has
 * synced.
 */
export async function connectClient(
  serverUrl: string,
  boardId: string,
  { params = {}, waitForSync = true, token: given }: ConnectOptions = {},
): Promise<TestClient> {
  const token = given === undefined ? (await joinBoard(serverUrl, boardId)).token : given
  const doc = new Y.Doc()
  const frames: Uint8Array[] = []
  // Listens before the provider does, on every socket it opens (reconnects too).
  class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args)
      this.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
    }
  }
  const provider = new WebsocketProvider(serverUrl.replace(/^http/, 'ws') + WS_PATH, boardId, doc, {
    WebSocketPolyfill: RecordingWebSocket as never,
    disableBc: true,
    params: { ...params, ...(token && { [WS_QUERY.token]: token }) },
  })
  sendOwnPresenceOnly(provider)
  // As the app does: a board that moved to another server process is reconnected at once.
  reconnectWhenMoved(provider)
  const closeCodes: number[] = []
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code)
  })
  const records = getRecordStore(doc)
  const state = new ServerStateMirror()
  const notices: ServerNotice[] = []
  // As the app does: "synced" then means the document and the server state have both arrived.
  bindServerState(provider, state, { onNotice: (notice) => notices.push(notice) })
  const client: TestClient = {
    doc,
    provider,
    records,
    state,
    notices,
    closeCodes,
    frames,
    participantId: token?.split('.')[0],
    token: token ?? undefined,
    snapshot: () => Object.fromEntries([...records.map].map(([key, entry]) => [key, entry.val])),
    close: () => {
      provider.destroy()
      doc.destroy()
    },
  }
  if (waitForSync) {
    await waitFor(() => provider.synced, { what: `client to sync board ${boardId}` })
  }
  return client
}
