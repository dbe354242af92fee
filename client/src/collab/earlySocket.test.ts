// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://commonmap.test/b/abcdefghijklmnopqrstuv" }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { identityKey } from '../common/identityKey'
import { boardSocketAddress, openBoardSocketEarly, takeOrOpenSocket } from './earlySocket'

const BOARD = 'abcdefghijklmnopqrstuv'
const TOKEN = 'p_token.signature'

/** A socket that connects nowhere: the test opens it and delivers the server's messages. */
class FakeSocket extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  static opened: FakeSocket[] = []
  readonly OPEN = 1
  readyState = FakeSocket.CONNECTING
  binaryType = 'blob'
  readonly sent: Uint8Array[] = []
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  constructor(readonly url: string) {
    super()
    FakeSocket.opened.push(this)
  }
  send(data: Uint8Array) {
    this.sent.push(data)
  }
  close() {
    this.readyState = FakeSocket.CLOSED
  }
  open() {
    this.readyState = FakeSocket.OPEN
    const event = new Event('open')
    this.dispatchEvent(event)
    this.onopen?.(event)
  }
  receive(data: Uint8Array) {
    const event = new MessageEvent('message', { data: data.slice().buffer })
    this.dispatchEvent(event)
    this.onmessage?.(event)
  }
}

/** The server's answer to a sync: a document with one entry in it. */
function serverSyncStep2(): Uint8Array {
  const serverDoc = new Y.Doc()
  serverDoc.getMap('test').set('from', 'server')
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeSyncStep2(encoder, serverDoc)
  return encoding.toUint8Array(encoder)
}

describe('openBoardSocketEarly and takeOrOpenSocket', () => {
  const providers: WebsocketProvider[] = []
  beforeEach(() => {
    FakeSocket.opened = []
    vi.stubGlobal('WebSocket', FakeSocket)
    localStorage.setItem(identityKey(BOARD), JSON.stringify({ token: TOKEN }))
  })
  afterEach(() => {
    for (const provider of providers.splice(0)) provider.destroy()
    // Whatever socket a test left untaken is let go.
    takeOrOpenSocket('ws://nowhere/')
    localStorage.clear()
    vi.unstubAllGlobals()
  })

  function openProvider(doc: Y.Doc): WebsocketProvider {
    const address = boardSocketAddress(BOARD, TOKEN)
    const provider = new WebsocketProvider(address.serverUrl, address.boardId, doc, {
      params: address.params,
      WebSocketPolyfill: takeOrOpenSocket as unknown as typeof WebSocket,
    })
    providers.push(provider)
    return provider
  }

  it('hands y-websocket the socket opened early, with what the server sent meanwhile', async () => {
    openBoardSocketEarly(`/b/${BOARD}`)
    const [early] = FakeSocket.opened
    expect(early?.url).toBe(
      `ws://commonmap.test/ws/${BOARD}?v=3&schema=${boardSocketAddress(BOARD, TOKEN).params.schema}&token=${encodeURIComponent(TOKEN)}`,
    )
    early!.open()
    early!.receive(serverSyncStep2())

    const doc = new Y.Doc()
    const statuses: string[] = []
    const provider = openProvider(doc)
    provider.on('status', ({ status }) => statuses.push(status))
    // The same socket, not a second connection.
    expect(FakeSocket.opened).toHaveLength(1)
    await Promise.resolve()

    expect(statuses).toContain('connected')
    expect(doc.getMap('test').get('from')).toBe('server')
    expect(provider.synced).toBe(true)
    // y-websocket's own first message, as on any new connection: its sync step 1.
    expect(early!.sent[0]?.[0]).toBe(0)
  })

  it('leaves a socket still connecting to open as usual', async () => {
    openBoardSocketEarly(`/b/${BOARD}`)
    const doc = new Y.Doc()
    const provider = openProvider(doc)
    await Promise.resolve()
    expect(FakeSocket.opened).toHaveLength(1)
    expect(provider.wsconnected).toBe(false)
    FakeSocket.opened[0]!.open()
    FakeSocket.opened[0]!.receive(serverSyncStep2())
    expect(provider.wsconnected).toBe(true)
    expect(doc.getMap('test').get('from')).toBe('server')
  })

  it('opens a new socket when the early one closed or was for someone else', () => {
    openBoardSocketEarly(`/b/${BOARD}`)
    FakeSocket.opened[0]!.close()
    openProvider(new Y.Doc())
    expect(FakeSocket.opened).toHaveLength(2)

    openBoardSocketEarly(`/b/${BOARD}`)
    const early = FakeSocket.opened[2]!
    takeOrOpenSocket('ws://commonmap.test/ws/another')
    expect(early.readyState).toBe(FakeSocket.CLOSED)
    expect(FakeSocket.opened).toHaveLength(4)
  })

  it('opens nothing off a board page or for a person this device does not know', () => {
    openBoardSocketEarly('/')
    openBoardSocketEarly('/b/not-a-board')
    localStorage.clear()
    openBoardSocketEarly(`/b/${BOARD}`)
    expect(FakeSocket.opened).toHaveLength(0)
  })
})
