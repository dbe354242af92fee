import type { FrameCounter } from './FrameCounter'

/** What the latency scenario needs from every client in the room, full or lightweight. */
export interface BenchClient {
  /** Frames received since the counter was last reset. */
  readonly received: FrameCounter
  /** Cursor updates sent so far. */
  readonly cursorsSent: number
  /** Times the connection was lost after joining (each one spoils the loss count). */
  readonly drops: number
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
