import type { WebSocket } from 'ws'

/**
 * Finds dead sockets: every `intervalMs` each watched socket is pinged, and a socket that did
 * not answer the previous ping is terminated (its `close` event then removes it from its room).
 * Without this a laptop that lost wifi would hold its place, and its cursor, for many minutes.
 */
export class Heartbeat {
  private readonly sockets = new Map<WebSocket, { alive: boolean }>()
  private readonly timer: NodeJS.Timeout

  constructor(intervalMs: number) {
    this.timer = setInterval(() => this.beat(), intervalMs)
    this.timer.unref()
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
