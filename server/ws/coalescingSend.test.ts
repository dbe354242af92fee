import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { describe, expect, it } from 'vitest'
import { joinMessage } from '../room/wireMessages'
import { coalescingSend } from './coalescingSend'

/** A socket whose TCP stream counts corks and records what left in each uncork. */
function fakeSocket() {
  let corks = 0
  let held: number[] = []
  const calls: number[][] = []
  const stream = {
    cork: () => corks++,
    uncork: () => {
      if (corks === 0) return
      corks--
      if (corks === 0 && held.length > 0) {
        calls.push(held)
        held = []
      }
    },
  }
  const socket = {
    _socket: stream,
    send: (frame: Uint8Array) => (corks > 0 ? held.push(frame[0]!) : calls.push([frame[0]!])),
  }
  return { socket: socket as unknown as WebSocket, calls, corked: () => corks > 0 }
}

const UPDATE = Uint8Array.of(0, 2, 0)
const PRESENCE = Uint8Array.of(1, 0)
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('coalescingSend', () => {
  it('keeps presence corked until the end of the event-loop turn, then sends it in one call', async () => {
    const { socket, calls, corked } = fakeSocket()
    const send = coalescingSend(socket)
    send(PRESENCE)
    await Promise.resolve()
    send(PRESENCE)
    await new Promise<void>((resolve) => process.nextTick(resolve))
    expect(corked()).toBe(true)
    await nextTurn()
    expect(calls).toEqual([[1, 1]])
  })

  it('sends the edits a commit relays, one promise callback each, in one call once they are all done', async () => {
    const a = fakeSocket()
    const b = fakeSocket()
    const sendA = coalescingSend(a.socket)
    const sendB = coalescingSend(b.socket)
    // Read in the turn: a cursor relayed to A, whose flush is planned for the turn's end.
    sendA(PRESENCE)
    let seenBeforeNextTurn: number[][][] = []
    await new Promise<void>((done) =>
      // The turn's commit, also at its end; each delivery waits for the one before it
      // (DurablePipeline).
      setImmediate(() => {
        let tail = Promise.resolve()
        for (let i = 0; i < 3; i++) {
          tail = tail.then(() => {
            sendA(UPDATE)
            sendB(UPDATE)
          })
        }
        // The first thing the next turn does.
        setImmediate(() => {
          seenBeforeNextTurn = [structuredClone(a.calls), structuredClone(b.calls)]
          done()
        })
      }),
    )
    // Gone before the next turn, each socket's in one call: not one each, not a turn later.
    expect(seenBeforeNextTurn).toEqual([[[1], [0, 0, 0]], [[0, 0, 0]]])
    expect(a.corked() || b.corked()).toBe(false)
  })

  it('corks again after an early flush, and the turn’s end sends what was corked since', async () => {
    const { socket, calls, corked } = fakeSocket()
    const send = coalescingSend(socket)
    send(UPDATE)
    await new Promise<void>((resolve) => process.nextTick(resolve))
    expect(calls).toEqual([[0]])
    send(PRESENCE)
    send(PRESENCE)
    expect(corked()).toBe(true)
    await nextTurn()
    expect(calls).toEqual([[0], [1, 1]])
    expect(corked()).toBe(false)
  })
})

describe('a message in parts', () => {
  const header = Uint8Array.of(0, 1, 200)
  const comma = Uint8Array.of(44)
  const tail = Uint8Array.of(7, 8, 9)
  /** Parts whose payload lengths need each of a frame header's three length encodings. */
  const messages = [10, 1_000, 100_000].map((length) => [
    header,
    comma,
    new Uint8Array(length).map((_, i) => i % 251),
    tail,
  ])

  it('reaches a WebSocket client as the messages they make, whatever their length, in order with the others', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false })
    await once(server, 'listening')
    try {
      server.once('connection', (socket) => {
        const send = coalescingSend(socket)
        send(Uint8Array.of(1, 0))
        for (const parts of messages) send(parts)
        send(Uint8Array.of(1, 1))
      })
      const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
      const received: Uint8Array[] = []
      await new Promise<void>((resolve, reject) => {
        client.on('error', reject)
        client.on('message', (data: Buffer) => {
          received.push(new Uint8Array(data))
          if (received.length === messages.length + 2) resolve()
        })
      })
      client.close()
      expect(received).toEqual([
        Uint8Array.of(1, 0),
        ...messages.map((parts) => joinMessage(parts)),
        Uint8Array.of(1, 1),
      ])
    } finally {
      for (const socket of server.clients) socket.terminate()
      server.close()
    }
  })
})
