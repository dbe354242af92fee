import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { waitFor } from '../../tests/helpers/waitFor'
import { Heartbeat } from './Heartbeat'

describe('Heartbeat', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup()
  })

  /**
   * A server whose heartbeats the test gives by hand (the timer's interval is an hour), so a
   * busy machine answering a ping late cannot change the outcome.
   */
  async function setup() {
    const heartbeat = new Heartbeat(3_600_000)
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    let pongs = 0
    server.on('connection', (socket) => {
      heartbeat.watch(socket)
      socket.on('pong', () => pongs++)
    })
    await new Promise((resolve) => server.once('listening', resolve))
    cleanups.push(
      () => heartbeat.stop(),
      () => server.close(),
    )
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
    const connect = async (autoPong: boolean) => {
      const socket = new WebSocket(url, { autoPong })
      cleanups.push(() => socket.terminate())
      await new Promise((resolve) => socket.once('open', resolve))
      const closed = new Promise<number>((resolve) => socket.once('close', resolve))
      return { socket, closed }
    }
    return { heartbeat, connect, pongs: () => pongs }
  }

  it('terminates a socket that stops answering pings and keeps one that answers', async () => {
    const { heartbeat, connect, pongs } = await setup()
    const healthy = await connect(true)
    const dead = await connect(false)
    let pings = 0
    healthy.socket.on('ping', () => pings++)
    for (let beat = 1; beat <= 3; beat++) {
      heartbeat.beat()
      await waitFor(() => pongs() === beat, { what: `the answer to heartbeat ${beat}` })
    }
    // The dead socket missed the first ping, so the second heartbeat ended it.
    expect(await dead.closed).toBe(1006)
    expect(pings).toBe(3)
    expect(healthy.socket.readyState).toBe(WebSocket.OPEN)
  })

  it('judges nobody after this process was itself stopped, when answers may wait unread', async () => {
    const { heartbeat, connect, pongs } = await setup()
    const late = await connect(false)
    const hour = 3_600_000
    heartbeat.beat()
    // Ten intervals since the last tick: this process was stopped, not the socket.
    heartbeat.tick(performance.now() + 10 * hour)
    // So the socket was kept: it can still answer.
    late.socket.pong()
    await waitFor(() => pongs() === 1, { what: 'the late answer' })
    // Back on time, a heartbeat it does not answer ends it.
    heartbeat.tick(performance.now() + 11 * hour)
    heartbeat.tick(performance.now() + 12 * hour)
    expect(await late.closed).toBe(1006)
  })
})
