import type { TLInstancePresence } from '@tldraw/tlschema'
import { randomInt } from 'node:crypto'
import { WebSocket } from 'ws'
import { messageYjsSyncStep2 } from 'y-protocols/sync'
import { AwarenessField } from '../../client/src/collab/awarenessFields'
import {
  MessageType,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
} from '../../server/room/wireMessages'
import type { Participant } from '../../shared/participant'
import type { BenchClient } from './BenchClient'
import { benchParticipant, movedPresence, presenceOf } from './benchRecords'
import { FrameCounter } from './FrameCounter'

/** A Yjs state vector that knows nothing: the sink asks for the whole document once. */
const EMPTY_STATE_VECTOR = Uint8Array.of(0)
const utf8 = new TextEncoder()

/**
 * A lightweight member of the room: a raw socket that speaks just enough y-websocket to join
 * (sync step 1), sends a real client's awareness state, and only counts what it receives.
 * Forty of these cost the harness little more than reading their sockets, where forty full
 * Yjs clients would saturate it and make the harness, not the server, the thing measured.
 */
export class SinkClient implements BenchClient {
  readonly received = new FrameCounter()
  cursorsSent = 0
  drops = 0
  /** A random 32-bit awareness client id, as Yjs picks them. */
  private readonly clientId = randomInt(2 ** 32 - 1)
  private readonly participant: Participant
  private readonly presence: TLInstancePresence
  private closing = false

  private constructor(
    private readonly socket: WebSocket,
    n: number,
  ) {
    this.participant = benchParticipant(n)
    this.presence = presenceOf(this.participant, this.clientId)
    socket.on('message', (data: Buffer) => this.received.count(data))
    // A socket that fails also closes, and is counted there.
    socket.on('error', () => {})
    socket.on('close', () => {
      if (!this.closing) this.drops++
    })
  }

  /** Connects as bench client `n` and resolves once the server has answered its sync step 1. */
  static connect(wsUrl: string, n: number): Promise<SinkClient> {
    const socket = new WebSocket(wsUrl, { perMessageDeflate: false })
    const sink = new SinkClient(socket, n)
    return new Promise((resolve, reject) => {
      const failed = () => reject(new Error(`Bench client ${n} could not join ${wsUrl}`))
      socket.once('close', failed)
      socket.once('open', () => socket.send(encodeSyncStep1(EMPTY_STATE_VECTOR)))
      const joined = (data: Buffer) => {
        if (data[0] !== MessageType.sync || data[1] !== messageYjsSyncStep2) return
        socket.off('message', joined)
        socket.off('close', failed)
        resolve(sink)
      }
      socket.on('message', joined)
    })
  }

  moveCursor(x: number, y: number): void {
    // Encoded per move, not ahead of time: the state carries its send time, which the movers
    // read back as cursor latency. A few µs of JSON per move is nothing next to socket reads.
    const clock = ++this.cursorsSent
    const presence = movedPresence(this.presence, x, y, { sentAt: performance.now(), seq: clock })
    const state = {
      [AwarenessField.presence]: presence,
      [AwarenessField.participant]: this.participant,
    }
    const update = encodeAwarenessEntries([
      { clientId: this.clientId, clock, state: utf8.encode(JSON.stringify(state)) },
    ])
    this.socket.send(encodeAwareness(update))
  }

  close(): void {
    this.closing = true
    this.socket.close()
  }
}
