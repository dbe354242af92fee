import type { RoomSocket } from '../../server/room/Room'
import { joinMessage } from '../../server/room/wireMessages'

/** What a WebSocket reports when its connection was dropped without a close frame. */
export const ABNORMAL_CLOSURE = 1006

/** How a socket pair was closed by the server side. */
export interface CloseRecord {
  readonly code: number
  readonly reason: string
}

/**
 * An in-memory socket between one client and a room. Frames queue in both directions and are
 * delivered only when the test flushes, so a test scripts exactly which messages arrive in
 * which order (the idea of tldraw's TestSocketPair).
 */
export class SocketPair {
  /** Frames the client sent that the room has not received yet. */
  readonly toServer: Uint8Array[] = []
  /** Frames the room sent that the client has not received yet. */
  readonly toClient: Uint8Array[] = []
  /** Set when the room closed the socket. Frames still queued for the client are dropped. */
  closed: CloseRecord | undefined
  /** What the room sees as not yet written; tests raise it to simulate a slow reader. */
  bufferedAmount = 0

  /** The room's end. */
  readonly serverSocket: RoomSocket

  constructor(
    private readonly deliverToServer: (frame: Uint8Array) => void,
    private readonly deliverToClient: (frame: Uint8Array) => void,
  ) {
    const pair = this
    this.serverSocket = {
      send: (message) => {
        if (!pair.closed) pair.toClient.push(joinMessage(message))
      },
      close: (code, reason) => {
        pair.closed ??= { code, reason }
        pair.toClient.length = 0
      },
      terminate: () => {
        pair.closed ??= { code: ABNORMAL_CLOSURE, reason: '' }
        pair.toClient.length = 0
      },
      get bufferedAmount() {
        return pair.bufferedAmount
      },
    }
  }

  /** Queues a frame from the client to the room. */
  sendToServer(frame: Uint8Array): void {
    if (!this.closed) this.toServer.push(frame)
  }

  /** Delivers up to `max` queued client frames to the room; returns how many it delivered. */
  flushToServer(max = Infinity): number {
    return this.flush(this.toServer, this.deliverToServer, max)
  }

  /** Delivers up to `max` queued room frames to the client; returns how many it delivered. */
  flushToClient(max = Infinity): number {
    return this.flush(this.toClient, this.deliverToClient, max)
  }

  private flush(queue: Uint8Array[], deliver: (frame: Uint8Array) => void, max: number): number {
    let delivered = 0
    while (delivered < max && queue.length > 0 && !this.closed) {
      deliver(queue.shift() as Uint8Array)
      delivered++
    }
    return delivered
  }
}
