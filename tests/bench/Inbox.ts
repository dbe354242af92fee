import * as decoding from 'lib0/decoding'
import { messageYjsUpdate } from 'y-protocols/sync'
import { MessageType } from '../../server/room/wireMessages'
import { inWindow, type MeasureWindow } from './BenchClient'
import { stampsInUpdate } from './stampsInUpdate'

/** Whose inbox it is and what to time. */
export interface InboxOptions {
  /** Bytes before the y-websocket message in every frame: the room's `RoomLink.prefix`. */
  readonly prefixLength: number
  /** The receiving client's number: its own writes, echoed back, are counted but not timed. */
  readonly self: number
  /** Which sends to time. */
  readonly window: MeasureWindow
}

/**
 * What one client received: shape writes and presence states delivered, counted from the
 * frames themselves, however the server batched them (Hocuspocus merges the updates, and the
 * awareness changes, of one event-loop turn into one message), and each shape write timed from
 * its send stamp to the frame's arrival. Reading a frame costs a byte search and a few varUints,
 * so that the harness does not measure itself.
 */
export class Inbox {
  /** Shape writes sent since the last reset, and delivered. */
  shapeWrites = 0
  /** Awareness states (cursors, who is here) delivered since the last reset. */
  awarenessStates = 0
  /** Bytes of every frame since the last reset. */
  bytes = 0
  /** Milliseconds from another client's shape write, sent within the window, to its arrival here. */
  readonly shapeLatencies: number[] = []
  /** When the last reset happened: writes sent before it are not counted. */
  private countingFrom = -Infinity

  constructor(private readonly options: InboxOptions) {}

  count(frame: Uint8Array): void {
    const arrivedAt = performance.now()
    this.bytes += frame.byteLength
    const decoder = decoding.createDecoder(frame)
    decoder.pos = this.options.prefixLength
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.awareness) {
      decoding.readVarUint(decoder) // the update's length; the update starts with its count
      this.awarenessStates += decoding.readVarUint(decoder)
    } else if (type === MessageType.sync && decoding.readVarUint(decoder) === messageYjsUpdate) {
      for (const stamp of stampsInUpdate(frame.subarray(decoder.pos))) {
        if (stamp.sentAt >= this.countingFrom) this.shapeWrites++
        if (stamp.by !== this.options.self && inWindow(this.options.window, stamp.sentAt)) {
          this.shapeLatencies.push(arrivedAt - stamp.sentAt)
        }
      }
    }
  }

  /**
   * Starts counting afresh at `from` (a `performance.now()` time): shape writes sent before it
   * are not counted however late they arrive, so a count of writes sent from then on can be
   * compared with this one (a full client's first shape may still be on its way to a receiver
   * when counting starts, and would otherwise make a negative loss).
   */
  reset(from = performance.now()): void {
    this.shapeWrites = this.awarenessStates = this.bytes = 0
    this.countingFrom = from
  }
}
