import type { Inbox } from './Inbox'

/** What the load scenarios need from every client in a room, full or light. */
export interface BenchClient {
  /** What it received since the counts were last reset, and the latencies it timed. */
  readonly received: Inbox
  /** Shape moves sent so far. */
  readonly shapesSent: number
  /** Cursor updates sent so far. */
  readonly cursorsSent: number
  /**
   * The close code of each time the connection was lost after joining (each one spoils the loss
   * count; the code says who ended it and why, e.g. 4129 for a connection that sent too much).
   */
  readonly dropCodes: readonly number[]
  /** Writes this client's shape at (x, y), stamped with the time. */
  moveShape(x: number, y: number): void
  /** Sends this client's presence with its cursor at (x, y), stamped with the time. */
  moveCursor(x: number, y: number): void
  close(): void
}

/** The time span whose sends are measured: stamps outside it are warm-up or drain. */
export interface MeasureWindow {
  from: number
  until: number
}

/** True when a stamp taken at `sentAt` belongs to the measured span. */
export function inWindow(window: MeasureWindow, sentAt: number): boolean {
  return sentAt >= window.from && sentAt < window.until
}
