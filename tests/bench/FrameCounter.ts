import { messageYjsUpdate } from 'y-protocols/sync'
import { MessageType } from '../../server/room/wireMessages'

/**
 * Counts the frames a client receives by y-websocket message type, from the first two bytes
 * only: counting must cost next to nothing, or the harness measures itself (both varUints are
 * single bytes for every type the protocol defines).
 */
export class FrameCounter {
  /** Live document updates (sync, step "update"). */
  docUpdates = 0
  /** Awareness frames (cursors, who is here). */
  awareness = 0
  /** Bytes of every frame. */
  bytes = 0

  count(frame: Uint8Array): void {
    this.bytes += frame.byteLength
    if (frame[0] === MessageType.awareness) this.awareness++
    else if (frame[0] === MessageType.sync && frame[1] === messageYjsUpdate) this.docUpdates++
  }

  reset(): void {
    this.docUpdates = this.awareness = this.bytes = 0
  }
}
