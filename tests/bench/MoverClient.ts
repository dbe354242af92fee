import type { TLInstancePresence } from '@tldraw/tlschema'
import type { WebSocket } from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { AwarenessField } from '../../client/src/collab/awarenessFields'
import { DocRoot } from '../../shared/docLayout'
import type { Participant } from '../../shared/participant'
import { inWindow, type BenchClient, type MeasureWindow } from './BenchClient'
import { benchParticipant, geoShape, movedPresence, presenceOf, stampOf } from './benchRecords'
import { FrameCounter } from './FrameCounter'
import { closeProvider, openProvider } from './openProvider'

interface AwarenessChange {
  added: number[]
  updated: number[]
}

type Entry = { key: string; val: unknown }

/**
 * A full client: a Y.Doc that applies every update of the board behind a y-websocket provider,
 * with its awareness, as a browser tab runs it. It drags one shape (each move writes the whole
 * tldraw record) and measures how long the other clients' shape moves and cursor moves took to
 * reach it. Writers and receivers share this process's clock, so the stamp in a record is
 * comparable with `performance.now()` here.
 *
 * It writes the records array exactly as YKeyValue.set does (delete the old entry, push the new
 * one, in one transaction) but does not keep a YKeyValue: its observer walks every item the array
 * ever held, tombstones included, on each remote change. With ten writers interleaving, that is
 * thousands of items within seconds; ten such observers in one process made the harness, not the
 * server, the bottleneck.
 */
export class MoverClient implements BenchClient {
  readonly received = new FrameCounter()
  /** Milliseconds from another client's shape move to its arrival here. */
  readonly shapeLatencies: number[] = []
  /** Milliseconds from another client's cursor move to its arrival here. */
  readonly cursorLatencies: number[] = []
  shapesSent = 0
  cursorsSent = 0
  drops = 0
  private closing = false
  private readonly participant: Participant
  private readonly presence: TLInstancePresence
  private readonly records: Y.Array<Entry>

  private constructor(
    private readonly provider: WebsocketProvider,
    private readonly n: number,
    private readonly window: MeasureWindow,
  ) {
    this.participant = benchParticipant(n)
    this.presence = presenceOf(this.participant, provider.awareness.clientID)
    this.records = provider.doc.getArray<Entry>(DocRoot.records)
    provider.doc.on('update', (update: Uint8Array, _origin, _doc, tr: Y.Transaction) => {
      if (!tr.local) this.measure(shapesIn(update), this.shapeLatencies)
    })
    provider.awareness.on('update', ({ added, updated }: AwarenessChange) => {
      const states = provider.awareness.getStates()
      const presences = [...added, ...updated]
        .filter((clientId) => clientId !== provider.awareness.clientID)
        .map((clientId) => states.get(clientId)?.[AwarenessField.presence])
      this.measure(presences, this.cursorLatencies)
    })
    // The provider reads the socket itself; counting needs its frames too, so listen alongside.
    const socket = provider.ws as unknown as WebSocket
    socket.on('message', (data: ArrayBuffer) => this.received.count(new Uint8Array(data)))
    provider.on('status', ({ status }) => {
      if (status === 'disconnected' && !this.closing) this.drops++
    })
    provider.awareness.setLocalStateField(AwarenessField.participant, this.participant)
  }

  /**
   * Connects as bench client `n`, waits until synced and puts its shape on the board.
   * `window` says which sends to measure.
   */
  static async connect(
    serverUrl: string,
    room: string,
    n: number,
    window: MeasureWindow,
    token?: string,
  ): Promise<MoverClient> {
    const { provider } = await openProvider(serverUrl, room, new Y.Doc(), { token })
    const mover = new MoverClient(provider, n, window)
    mover.moveShape(0, 0)
    return mover
  }

  /** Writes this client's shape at (x, y), stamped with the time. */
  moveShape(x: number, y: number): void {
    const stamp = { sentAt: performance.now(), seq: ++this.shapesSent }
    const shape = geoShape(this.n, { x, y, author: this.participant, stamp })
    this.provider.doc.transact(() => {
      // Searching from the end is short: the live entries are the few most recently pushed.
      for (let i = this.records.length - 1; i >= 0; i--) {
        if (this.records.get(i).key !== shape.id) continue
        this.records.delete(i, 1)
        break
      }
      this.records.push([{ key: shape.id, val: shape }])
    })
  }

  moveCursor(x: number, y: number): void {
    const stamp = { sentAt: performance.now(), seq: ++this.cursorsSent }
    this.provider.awareness.setLocalStateField(
      AwarenessField.presence,
      movedPresence(this.presence, x, y, stamp),
    )
  }

  close(): void {
    this.closing = true
    closeProvider(this.provider)
  }

  private measure(records: Iterable<unknown>, into: number[]): void {
    const now = performance.now()
    for (const record of records) {
      const stamp = stampOf(record)
      if (stamp && inWindow(this.window, stamp.sentAt)) into.push(now - stamp.sentAt)
    }
  }
}

/** The records an update writes, read from the update itself rather than from the array. */
function* shapesIn(update: Uint8Array): Iterable<unknown> {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
    for (const entry of struct.content.getContent() as Entry[]) yield entry.val
  }
}
