import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCode } from '../../../shared/closeCodes'
import { waitFor } from '../../../tests/helpers/waitFor'
import { reconnectWhenMoved } from './reconnectWhenMoved'

describe('reconnectWhenMoved', () => {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  /** A server that closes every connection with `code` as soon as it opens; counts them. */
  async function closingServer(code: number) {
    const http = createServer()
    const wss = new WebSocketServer({ server: http })
    const openedAt: number[] = []
    wss.on('connection', (socket) => {
      openedAt.push(performance.now())
      if (openedAt.length < 3) socket.close(code, 'closing')
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    cleanups.push(
      () => new Promise((resolve) => http.close(resolve)),
      () => wss.close(),
    )
    return { url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, openedAt }
  }

  function provider(url: string) {
    const doc = new Y.Doc()
    const p = new WebsocketProvider(url, 'board', doc, {
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
    })
    cleanups.push(() => {
      p.destroy()
      doc.destroy()
    })
    return p
  }

  it('reconnects at once when the board moved, where another close waits first', async () => {
    const moved = await closingServer(CloseCode.BoardMoved)
    const unbind = reconnectWhenMoved(provider(moved.url))
    cleanups.push(unbind)
    const restarting = await closingServer(CloseCode.ServiceRestart)
    cleanups.push(reconnectWhenMoved(provider(restarting.url)))

    await waitFor(() => moved.openedAt.length === 3 && restarting.openedAt.length === 3)
    const gaps = (at: number[]) => at.slice(1).map((time, i) => time - (at[i] as number))
    // y-websocket waits 200 ms, then 400 ms, besides connecting; a moved board only connects.
    expect(Math.min(...gaps(restarting.openedAt))).toBeGreaterThanOrEqual(200)
    expect(Math.max(...gaps(moved.openedAt))).toBeLessThan(Math.min(...gaps(restarting.openedAt)))
  })
})
