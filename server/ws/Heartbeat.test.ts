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

  async function setup(intervalMs: number) {
    const heartbeat = new Heartbeat(intervalMs)
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    server.on('connection', (socket) => heartbeat.watch(socket))
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
    return { connect }
  }

  it('terminates a socket that stops answering pings and keeps one that answers', async () => {
    const { connect } = await setup(30)
    const healthy = await connect(true)
    const dead = await connect(false)
    let pings = 0
    healthy.socket.on('ping', () => pings++)
    expect(await dead.closed).toBe(1006)
    await waitFor(() => pings >= 3, { what: 'three more heartbeats' })
    expect(healthy.socket.readyState).toBe(WebSocket.OPEN)
  })
})
