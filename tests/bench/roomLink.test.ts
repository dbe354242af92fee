import { Hocuspocus } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import { messageYjsSyncStep2 } from 'y-protocols/sync'
import { afterEach, describe, expect, it } from 'vitest'
import {
  MessageType,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
} from '../../server/room/wireMessages'
import { waitFor } from '../helpers/waitFor'
import { framed, roomLink } from './roomLink'

const EMPTY_STATE_VECTOR = Uint8Array.of(0)

describe('roomLink', () => {
  it('reaches a y-websocket room by its URL, with bare frames', () => {
    const link = roomLink({ kind: 'reference', url: 'http://127.0.0.1:1234' }, 'room-1')
    expect(link.url).toMatch(/^ws:\/\/127\.0\.0\.1:1234\/.*room-1\?/)
    expect(link.prefix).toHaveLength(0)
    expect(link.hello).toEqual([])
    const message = Uint8Array.of(1, 2, 3)
    expect(framed(link.prefix, message)).toBe(message)
  })

  describe('on Hocuspocus', () => {
    const hocuspocus = new Hocuspocus({ quiet: true })
    const closers: (() => void)[] = []
    afterEach(() => closers.splice(0).forEach((close) => close()))

    /** A connection to Hocuspocus's own core, through a socket that keeps what it is sent. */
    function connect(): { received: Uint8Array[]; send: (frame: Uint8Array) => void } {
      const received: Uint8Array[] = []
      const socket = { readyState: 1, send: (data: Uint8Array) => received.push(data), close() {} }
      const connection = hocuspocus.handleConnection(socket, new Request('http://127.0.0.1/'))
      closers.push(() => connection.handleClose())
      return { received, send: (frame) => connection.handleMessage(frame) }
    }

    /** The frame's document name and the y-websocket message after it. */
    function split(frame: Uint8Array): { room: string; message: Uint8Array } {
      const decoder = decoding.createDecoder(frame)
      const room = decoding.readVarString(decoder)
      return { room, message: frame.subarray(decoder.pos) }
    }

    const link = roomLink({ kind: 'hocuspocus', url: 'http://127.0.0.1:1234' }, 'room-2', 'tok')

    /** Sends the link's hello and a sync step 1; resolves with the server's sync step 2. */
    function join(client: ReturnType<typeof connect>) {
      for (const frame of link.hello) client.send(frame)
      client.send(framed(link.prefix, encodeSyncStep1(EMPTY_STATE_VECTOR)))
      return waitFor(() =>
        client.received
          .map(split)
          .find(
            ({ message }) => message[0] === MessageType.sync && message[1] === messageYjsSyncStep2,
          ),
      )
    }

    it('authenticates, then answers sync step 1 about that document', async () => {
      expect(link.url).toBe('ws://127.0.0.1:1234')
      const client = connect()
      expect((await join(client)).room).toBe('room-2')
      // Its first answer says the token passed, and what the connection may do.
      const auth = split(client.received[0]!)
      expect(auth.room).toBe('room-2')
      expect(decoding.readVarString(decoding.createDecoder(auth.message.subarray(2)))).toBe(
        'read-write',
      )
    })

    it('relays what one client sends to the others in the document', async () => {
      const [sender, receiver] = [connect(), connect()]
      await Promise.all([join(sender), join(receiver)])
      const state = new TextEncoder().encode('{"cursor":1}')
      const awareness = encodeAwareness(encodeAwarenessEntries([{ clientId: 7, clock: 1, state }]))
      sender.send(framed(link.prefix, awareness))
      const relayed = await waitFor(() =>
        receiver.received.map(split).find(({ message }) => message[0] === MessageType.awareness),
      )
      expect(relayed.room).toBe('room-2')
    })
  })
})
