import type { TLInstancePresence } from '@tldraw/tlschema'
import { randomInt } from 'node:crypto'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { AwarenessField } from '../../client/src/collab/awarenessFields'
import {
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeUpdate,
} from '../../server/room/wireMessages'
import { DocRoot } from '../../shared/docLayout'
import type { Participant } from '../../shared/participant'
import { CommonmapMessage } from '../../shared/protocol'
import type { BenchClient, MeasureWindow } from './BenchClient'
import { benchParticipant, geoShape, movedPresence, presenceOf } from './benchRecords'
import { Inbox } from './Inbox'
import { framed, isSyncStep2, roomLink } from './roomLink'
import { SERVERS, type ServerProcess } from './serverProcess'
import { writeRecord, type RecordEntry } from './writeRecord'

/** A Yjs state vector that knows nothing: the sink asks for the whole document once. */
const EMPTY_STATE_VECTOR = Uint8Array.of(0)
const utf8 = new TextEncoder()

/**
 * A light member of the room: a raw socket that speaks just enough of the server's protocol to
 * join (its hello, then sync step 1), sends a real client's awareness state and shape records,
 * and only counts and times what it receives (its {@link Inbox}), without a Y.Doc of the board.
 * Hundreds of these cost the harness little more than reading their sockets, where as many full
 * Yjs clients would saturate it and make the harness, not the server, the thing measured.
 */
export class SinkClient implements BenchClient {
  readonly received: Inbox
  shapesSent = 0
  cursorsSent = 0
  readonly dropCodes: number[] = []
  /**
   * From creating the socket to having joined: the server's sync step 2 and, on Commonmap, its
   * server state snapshot (what the app calls synced). In ms.
   */
  joinedMs = Number.NaN
  /** A random 32-bit awareness client id, as Yjs picks them. */
  private readonly clientId = randomInt(2 ** 32 - 1)
  private readonly participant: Participant
  private readonly presence: TLInstancePresence
  /** This client's own shape, once it writes one. */
  private ownShapes: Y.Array<RecordEntry> | undefined
  private closing = false

  private constructor(
    private readonly socket: WebSocket,
    private readonly prefix: Uint8Array,
    private readonly n: number,
    window: MeasureWindow,
  ) {
    this.received = new Inbox({ prefixLength: prefix.byteLength, self: n, window })
    this.participant = benchParticipant(n)
    this.presence = presenceOf(this.participant, this.clientId)
    socket.on('message', (data: Buffer) => this.received.count(data))
    // A socket that fails also closes, and is counted there.
    socket.on('error', () => {})
    socket.on('close', (code: number) => {
      if (!this.closing) this.dropCodes.push(code)
    })
  }

  /**
   * Connects to `room` on `server` as bench client `n` and resolves once it has joined (see
   * {@link joinedMs}). `window` says which sends to time.
   */
  static connect(
    server: Pick<ServerProcess, 'kind' | 'url'>,
    room: string,
    n: number,
    window: MeasureWindow,
    token?: string,
  ): Promise<SinkClient> {
    const started = performance.now()
    const link = roomLink(server, room, token)
    const socket = new WebSocket(link.url, { perMessageDeflate: false })
    const sink = new SinkClient(socket, link.prefix, n, window)
    const at = link.prefix.byteLength
    let hasDocument = false
    let hasServerState = !SERVERS[server.kind].commonmap
    return new Promise((resolve, reject) => {
      const failed = () => reject(new Error(`Bench client ${n} could not join ${link.url}`))
      socket.once('close', failed)
      socket.once('open', () => {
        for (const frame of link.hello) socket.send(frame)
        socket.send(framed(link.prefix, encodeSyncStep1(EMPTY_STATE_VECTOR)))
      })
      const joined = (data: Buffer) => {
        hasDocument ||= isSyncStep2(data, at)
        // The first server state message a connection gets is its snapshot.
        hasServerState ||= data[at] === CommonmapMessage.serverState
        if (!hasDocument || !hasServerState) return
        sink.joinedMs = performance.now() - started
        socket.off('message', joined)
        socket.off('close', failed)
        resolve(sink)
      }
      socket.on('message', joined)
    })
  }

  moveShape(x: number, y: number): void {
    const stamp = { sentAt: performance.now(), seq: ++this.shapesSent, by: this.n }
    this.ownShapes ??= this.startWriting()
    writeRecord(this.ownShapes, geoShape(this.n, { x, y, author: this.participant, stamp }))
  }

  moveCursor(x: number, y: number): void {
    // Encoded per move, not ahead of time: the state carries its send time, which full clients
    // read back as cursor latency. A few µs of JSON per move is nothing next to socket reads.
    const clock = ++this.cursorsSent
    const stamp = { sentAt: performance.now(), seq: clock, by: this.n }
    const state = {
      [AwarenessField.presence]: movedPresence(this.presence, x, y, stamp),
      [AwarenessField.participant]: this.participant,
    }
    const update = encodeAwarenessEntries([
      { clientId: this.clientId, clock, state: utf8.encode(JSON.stringify(state)) },
    ])
    this.socket.send(framed(this.prefix, encodeAwareness(update)))
  }

  close(): void {
    this.closing = true
    this.ownShapes?.doc?.destroy()
    this.socket.close()
  }

  /**
   * A document that holds nothing but this client's own writes: each update it makes is the one
   * a full client would send (the old entry deleted, the new one pushed after it), without
   * applying anyone else's.
   */
  private startWriting(): Y.Array<RecordEntry> {
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => {
      this.socket.send(framed(this.prefix, encodeUpdate(update)))
    })
    return doc.getArray<RecordEntry>(DocRoot.records)
  }
}
