import { encodeAwarenessBatch } from './wireMessages'

/** Runs `run` once, when the event loop's current turn ends or `delayMs` from now if later. */
export type RelayTimer = (run: () => void, delayMs: number) => void

/** The event loop's turn ends after it has read the sockets: `setImmediate`. */
export const AFTER_TURN: RelayTimer = (run, delayMs) =>
  delayMs > 0 ? setTimeout(run, delayMs) : setImmediate(run)

/**
 * The least time between two relays of a room's presence, in ms: at most a hundred a second,
 * each a write to every socket in the room. On a busy room those writes were most of the
 * server's work (200 people moving cursors: 64 % of its time in `writev`, the server at 65 % of
 * a core; with this gap 36 %), and a cursor 10 ms late is not something anyone sees.
 */
export const PRESENCE_RELAY_GAP_MS = 10

/**
 * The presence changes (awareness updates) a room accepted, relayed to everyone together as
 * one awareness message: when the turn of the event loop that brought them ends, and no sooner
 * than {@link PRESENCE_RELAY_GAP_MS} after the last relay.
 *
 * In a busy room every cursor move went to every connection as a frame of its own: 200 people
 * moving cursors at 10 Hz were 400,000 frames a second to write, and as many for their devices
 * to read. Nothing is dropped or reordered: a client applies the entries of one message in
 * order, as it would have applied the messages. In a quiet room a change is relayed as it came,
 * at the end of its turn.
 */
export class PresenceBatch {
  private updates: Uint8Array[] = []
  /** The first update's frame as received: relayed as it is when nothing joins it. */
  private firstFrame: Uint8Array | undefined
  private stopped = false
  private lastRelayAt = -Infinity

  constructor(
    private readonly relay: (frame: Uint8Array) => void,
    private readonly timer: RelayTimer = AFTER_TURN,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Queues an awareness update for the next relay; `frame` is it as a message already. */
  add(update: Uint8Array, frame?: Uint8Array): void {
    if (this.stopped) return
    this.updates.push(update)
    if (this.updates.length > 1) return
    this.firstFrame = frame
    this.timer(this.flush, this.lastRelayAt + PRESENCE_RELAY_GAP_MS - this.now())
  }

  /** Drops what is queued and queues nothing more (the room is closing). */
  stop(): void {
    this.stopped = true
    this.updates = []
  }

  private readonly flush = (): void => {
    const { updates, firstFrame } = this
    this.updates = []
    this.firstFrame = undefined
    if (updates.length === 0) return
    this.lastRelayAt = this.now()
    this.relay(updates.length === 1 && firstFrame ? firstFrame : encodeAwarenessBatch(updates))
  }
}
