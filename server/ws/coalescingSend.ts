import type { Duplex } from 'node:stream'
import { WebSocket } from 'ws'
import { MessageType, joinMessage, type OutgoingMessage } from '../room/wireMessages'

/** Runs the flushes pushed to it together, once `schedule` calls back. */
function flushQueue(schedule: (run: () => void) => void): (flush: () => void) => void {
  let due: (() => void)[] = []
  const run = () => {
    const now = due
    due = []
    for (const flush of now) flush()
  }
  return (flush) => {
    if (due.length === 0) schedule(run)
    due.push(flush)
  }
}

/** At the end of the event-loop turn: after every socket ready in it was read. */
const atTurnEnd = flushQueue((run) => setImmediate(run))
/** Once the current task and every promise callback it set off are done. */
const afterDeliveries = flushQueue((run) => process.nextTick(run))

/**
 * Sends frames on `socket` so that the frames queued for it close together leave in one system
 * call. Relaying is mostly system calls (one `writev` per frame per socket), and in a busy room
 * several people's edits and cursors go to the same socket at once. The frames stay separate
 * WebSocket messages; only their trip to the kernel is shared. `ws` does not expose its TCP
 * socket in its types, hence the narrow cast; without one it sends as usual.
 *
 * When they leave depends on what they are:
 * - presence (cursors) waits for the end of the event-loop turn, so the cursor moves relayed
 *   from every socket read in that turn share one call (200 people at 10 Hz saturated the
 *   server without);
 * - everything else leaves as soon as the task that sent it and every promise callback it set
 *   off are done (a `process.nextTick` queued from a promise callback runs after the whole
 *   microtask queue). Edits are relayed once their turn's commit is durable, at the end of the
 *   turn, by one promise callback per edit (DurablePipeline): all of a commit's relays then
 *   leave together, in one call per socket. Left for the turn's end, they waited until the end
 *   of the *next* turn, which first read every socket again.
 */
export function coalescingSend(socket: WebSocket): (message: OutgoingMessage) => void {
  const stream = (socket as WebSocket & { _socket?: Duplex })._socket
  let corked = false
  let leavingSoon = false
  // Whichever of the two flushes comes first sends what waits; the other then finds nothing
  // (a flush is planned only in a queue that has not run yet, so none can cut a later cork short).
  const uncork = () => {
    if (!corked) return
    corked = false
    leavingSoon = false
    stream?.uncork()
  }
  return (message) => {
    if (stream) {
      if (!corked) {
        corked = true
        stream.cork()
        atTurnEnd(uncork)
      }
      if (!leavingSoon && firstByte(message) !== MessageType.awareness) {
        leavingSoon = true
        afterDeliveries(uncork)
      }
    }
    if (message instanceof Uint8Array || !stream) {
      socket.send(joinMessage(message))
      return
    }
    if (socket.readyState !== WebSocket.OPEN) return
    // One frame whose payload is written part by part: `ws` frames one buffer, and joining the
    // parts into one copied a large board for every joiner; as fragments, each client's `ws`
    // copied it once more to join them. Written to the TCP stream `ws` itself writes to, in
    // order with its frames (without compression it writes each frame at once) and counted in
    // its `bufferedAmount`.
    stream.write(binaryFrameHeader(message.reduce((sum, part) => sum + part.byteLength, 0)))
    for (const part of message) stream.write(part)
  }
}

function firstByte(message: OutgoingMessage): number | undefined {
  return message instanceof Uint8Array ? message[0] : message.find((part) => part.byteLength)?.[0]
}

/**
 * The header of one whole (FIN), unmasked binary WebSocket frame of `length` payload bytes, as a
 * server sends it (RFC 6455, section 5.2).
 */
export function binaryFrameHeader(length: number): Uint8Array {
  const FIN_BINARY = 0x82
  if (length < 126) return Uint8Array.of(FIN_BINARY, length)
  if (length < 0x10000) return Uint8Array.of(FIN_BINARY, 126, length >> 8, length & 0xff)
  const header = new Uint8Array(10)
  header[0] = FIN_BINARY
  header[1] = 127
  new DataView(header.buffer).setBigUint64(2, BigInt(length))
  return header
}
