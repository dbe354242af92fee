import type { WebSocket } from 'ws'

/**
 * Finds dead sockets: every `intervalMs` each watched socket is pinged, and a socket that did
 * not answer the previous ping is terminated (its `close` event then removes it from its room).
 * Without this a laptop that lost wifi would hold its place, and its cursor, for many minutes.
 */
export class Heartbeat {
  private readonly sockets = new Map<WebSocket, { alive: boolean }>()
  private readonly timer: NodeJS.Timeout
  private lastTick = performance.now()

  constructor(private readonly intervalMs: number) {
    this.timer = setInterval(() => this.tick(performance.now()), intervalMs)
    this.timer.unref()
  }

  /**
   * What the timer does at `now` (performance.now()): a heartbeat, unless this process was itself
   * stopped for longer than an interval and a half (paused, or starved of CPU). The answers to
   * the last ping may then be waiting unread in every socket, so nobody is judged this time:
   * they are only pinged.
   */
  tick(now: number): void {
    const stalled = now - this.lastTick > 1.5 * this.intervalMs
    this.lastTick = now
    if (!stalled) return this.beat()
    for (const [socket, state] of this.sockets) {
      state.alive = false
      socket.ping()
    }
  }

  /** Starts watching a socket until it closes. */
  watch(socket: WebSocket): void {
    const state = { alive: true }
    this.sockets.set(socket, state)
    socket.on('pong', () => {
      state.alive = true
    })
    socket.once('close', () => this.sockets.delete(socket))
  }

  /** Stops pinging. */
  stop(): void {
    clearInterval(this.timer)
    this.sockets.clear()
  }

  /**
   * One heartbeat: terminates the sockets that did not answer the last ping and pings the rest.
   * The timer calls it every interval; tests call it directly, to be independent of timing.
   */
  beat(): void {
    for (const [socket, state] of this.sockets) {
      if (!state.alive) {
        this.sockets.delete(socket)
        socket.terminate()
        continue
      }
      state.alive = false
      socket.ping()
    }
  }
}
