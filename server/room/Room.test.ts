import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordStore } from '../../shared/docLayout'
import { ProtocolClient, flushAll } from '../../tests/helpers/ProtocolClient'
import { participantId } from '../../tests/helpers/participants'
import { ABNORMAL_CLOSURE } from '../../tests/helpers/socketPair'
import { waitFor } from '../../tests/helpers/waitFor'
import { silentLogger } from '../logger'
import { MAX_PRESENCE_IDS_PER_CONNECTION, Room, type RoomOptions } from './Room'
import {
  MessageType,
  decodeAwarenessEntries,
  decodeClientMessage,
  encodeAwarenessEntries,
  encodeUpdate,
} from './wireMessages'

/** Resolves once the event loop's turn has ended: the room relayed this turn's presence. */
const turnEnded = () => new Promise((resolve) => setImmediate(resolve))

const shape = (id: string, x: number) => ({ id, typeName: 'shape', x }) as never

/** Two changes one after the other, by a writer other than the room's clients: two shapes. */
function twoChangesMadeElsewhere(): [Uint8Array, Uint8Array] {
  const writer = new Y.Doc()
  const updates: Uint8Array[] = []
  writer.on('update', (update: Uint8Array) => updates.push(update))
  getRecordStore(writer).set('shape:1', shape('shape:1', 1))
  getRecordStore(writer).set('shape:2', shape('shape:2', 2))
  return updates as [Uint8Array, Uint8Array]
}

describe('Room', () => {
  const clients: ProtocolClient[] = []
  const rooms: Room[] = []
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
    for (const room of rooms.splice(0)) room.destroy()
  })

  async function setup(options: Partial<RoomOptions> = {}) {
    const stored: Uint8Array[] = []
    const room = new Room({
      boardId: 'board',
      stored: { snapshot: Y.encodeStateAsUpdate(new Y.Doc()), updates: [], schema: null },
      snapshotIsFinal: true,
      append: ({ update }) => {
        stored.push(update)
      },
      logger: silentLogger,
      maxBufferedBytes: 1024 * 1024,
      maxAwarenessStateBytes: 1024,
      // Presence relayed at the end of each turn, without the gap between relays a busy room
      // keeps (PresenceBatch.test.ts), so that a test can wait for it with turnEnded().
      presenceTimer: (run) => setImmediate(run),
      ...options,
    })
    rooms.push(room)
    await room.restore()
    const client = () => {
      const c = new ProtocolClient()
      clients.push(c)
      return c.connect(room)
    }
    return { room, stored, client }
  }

  it('syncs two clients, and a client joining later gets everything', async () => {
    const { room, client } = await setup()
    const a = client()
    const b = client()
    flushAll([a, b])
    a.records.set('shape:1', shape('shape:1', 1))
    b.records.set('shape:2', shape('shape:2', 2))
    flushAll([a, b])
    expect(a.snapshot()).toEqual(b.snapshot())
    expect(Object.keys(a.snapshot())).toHaveLength(2)

    const c = client()
    flushAll([a, b, c])
    expect(c.snapshot()).toEqual(a.snapshot())
    expect(getRecordStore(room.doc).map.size).toBe(2)
  })

  it('stores an update before relaying it, and does not echo it to the sender', async () => {
    const { stored, client } = await setup()
    const a = client()
    const b = client()
    flushAll([a, b])
    const relayedWhenStored: number[] = []
    const storedBefore = stored.length
    b.pair!.toClient.length = 0
    a.records.set('shape:1', shape('shape:1', 1))
    // Spy on the moment of storing: at that point nothing may have been relayed to b.
    const original = stored.push.bind(stored)
    stored.push = (...items) => {
      relayedWhenStored.push(b.pair!.toClient.length)
      return original(...items)
    }
    a.pair!.flushToServer()
    expect(stored.length).toBe(storedBefore + 1)
    expect(relayedWhenStored).toEqual([0])
    expect(b.pair!.toClient).toHaveLength(1)
    expect(a.pair!.toClient).toHaveLength(0)
  })

  it('stores and relays a change nothing was refused in as the client sent it, byte for byte', async () => {
    const { room, stored, client } = await setup()
    const a = client()
    const b = client()
    flushAll([a, b])
    const updates = twoChangesMadeElsewhere()
    a.sendRaw(encodeUpdate(updates[0]))
    flushAll([a, b])
    // The second message repeats the first change: encoded again, it would hold only the new one.
    const both = Y.mergeUpdates(updates)
    a.sendRaw(encodeUpdate(both))
    flushAll([a, b])
    expect(stored.at(-1)).toEqual(both)
    expect(Object.keys(b.snapshot()).sort()).toEqual(['shape:1', 'shape:2'])
    expect(getRecordStore(room.doc).map.size).toBe(2)
  })

  it('stores and relays all of changes that arrive out of order, once the earlier one is in', async () => {
    const { room, stored, client } = await setup()
    const a = client()
    const b = client()
    flushAll([a, b])
    // Two changes of one writer, made elsewhere; the later one reaches the room first, and Yjs
    // holds it back until the earlier one arrives.
    const [first, second] = twoChangesMadeElsewhere()
    const storedBefore = stored.length
    a.sendRaw(encodeUpdate(second))
    flushAll([a, b])
    expect(Object.keys(b.snapshot())).toEqual([])
    a.sendRaw(encodeUpdate(first))
    flushAll([a, b])
    expect(Object.keys(b.snapshot()).sort()).toEqual(['shape:1', 'shape:2'])
    // What was stored rebuilds both, as a restart would.
    const restored = new Y.Doc()
    for (const update of stored.slice(storedBefore)) Y.applyUpdate(restored, update)
    expect([...getRecordStore(restored).map.keys()].sort()).toEqual(['shape:1', 'shape:2'])
    expect(getRecordStore(room.doc).map.size).toBe(2)
  })

  it("applies each client's update with the connection as the transaction origin", async () => {
    const { room, client } = await setup()
    const a = client()
    const origins: unknown[] = []
    room.doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
    flushAll([a])
    a.records.set('shape:1', shape('shape:1', 1))
    flushAll([a])
    expect(origins).toEqual([a.connection])
  })

  /** A room that has not restored its document yet, over a snapshot with one shape. */
  function unrestored(updates: Uint8Array[] = [], snapshotIsFinal = updates.length === 0) {
    const source = new Y.Doc()
    getRecordStore(source).set('shape:1', shape('shape:1', 1))
    const snapshot = Y.encodeStateAsUpdate(source)
    const stored: Uint8Array[] = []
    const error = vi.fn()
    const onBroken = vi.fn()
    const room = new Room({
      boardId: 'board',
      stored: { snapshot, updates, schema: null },
      snapshotIsFinal,
      append: ({ update }) => {
        stored.push(update)
      },
      logger: { ...silentLogger, error },
      maxBufferedBytes: 1024 * 1024,
      maxAwarenessStateBytes: 1024,
      onBroken,
    })
    rooms.push(room)
    const client = () => {
      const c = new ProtocolClient()
      clients.push(c)
      return c.connect(room)
    }
    return { room, snapshot, stored, error, onBroken, client, source }
  }

  it('answers an empty client with the stored snapshot before restoring, the rest after', async () => {
    const { room, snapshot, stored, client } = unrestored()
    const a = client()
    a.records.set('shape:2', shape('shape:2', 2))
    a.pair!.flushToServer()
    const sent = a.pair!.toClient.map((f) => decodeClientMessage(f))
    expect(sent).toEqual([{ type: 'sync-step-2', update: snapshot }])
    expect(stored).toHaveLength(0)

    await room.restore()
    expect(stored).toHaveLength(1)
    expect(a.pair!.toClient.map((f) => decodeClientMessage(f).type)).toContain('sync-step-1')
    flushAll([a])
    expect(Object.keys(a.snapshot()).sort()).toEqual(['shape:1', 'shape:2'])

    // After an edit the snapshot is stale: a new client must get the edit too.
    const b = client()
    flushAll([a, b])
    expect(b.snapshot()).toEqual(a.snapshot())
  })

  it('sends an empty client the snapshot at once even when updates were logged after it, then those that apply, then its sync answer', async () => {
    const later = new Y.Doc()
    getRecordStore(later).set('shape:later', shape('shape:later', 3))
    const logged = Y.encodeStateAsUpdate(later)
    const { room, snapshot, client, error } = unrestored([Uint8Array.from([9, 9, 9]), logged])
    const a = client()
    a.pair!.flushToServer()
    // The snapshot, but not yet the sync answer: the client is not "synced" without the rest.
    expect(a.pair!.toClient.map((f) => decodeClientMessage(f))).toEqual([
      { type: 'update', update: snapshot },
    ])

    await room.restore()
    const sent = a
      .pair!.toClient.map((f) => decodeClientMessage(f))
      .filter((m) => m.type !== 'custom')
    // The update that could not be applied is reported, never passed on to a client.
    expect(sent.slice(0, 3)).toEqual([
      { type: 'update', update: snapshot },
      { type: 'update', update: logged },
      { type: 'sync-step-2', update: Y.encodeStateAsUpdate(new Y.Doc()) },
    ])
    expect(error).toHaveBeenCalledWith('room.bad-stored-update', expect.anything())
    flushAll([a])
    expect(Object.keys(a.snapshot()).sort()).toEqual(['shape:1', 'shape:later'])
    const b = client()
    flushAll([a, b])
    expect(a.snapshot()).toEqual(b.snapshot())
  })

  it('restores soon: after connected clients asked for the snapshot and it was sent', async () => {
    const { room, client } = unrestored()
    const a = client()
    const turn = () => new Promise((resolve) => setImmediate(resolve))
    const restored = () =>
      a.pair!.toClient.some((f) => decodeClientMessage(f).type === 'sync-step-1')
    room.restoreSoon()
    await turn()
    await turn()
    expect(restored()).toBe(false)

    a.pair!.flushToServer()
    a.pair!.bufferedAmount = 4096
    await turn()
    await turn()
    expect(restored()).toBe(false)

    a.pair!.bufferedAmount = 0
    await waitFor(restored, { what: 'the room to restore' })
  })

  it('restores soon even when a socket never drains', async () => {
    const { room, client } = unrestored()
    const a = client()
    a.pair!.bufferedAmount = 4096
    room.restoreSoon()
    await waitFor(() => a.pair!.toClient.length > 0, { what: 'the room to restore anyway' })
  })

  it('restores logged updates, skipping one it cannot apply', async () => {
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (update: Uint8Array) => updates.push(update))
    getRecordStore(writer).set('shape:later', shape('shape:later', 3))
    const { room, error, client } = unrestored([Uint8Array.from([1, 2, 3]), ...updates])
    const a = client()
    await room.restore()
    flushAll([a])
    expect(Object.keys(a.snapshot()).sort()).toEqual(['shape:1', 'shape:later'])
    expect(error).toHaveBeenCalledWith(
      'room.bad-stored-update',
      expect.objectContaining({ boardId: 'board', index: 0 }),
    )
  })

  it('breaks when the stored snapshot cannot be applied', async () => {
    const room = new Room({
      boardId: 'board',
      stored: { snapshot: Uint8Array.from([9, 9, 9]), updates: [], schema: null },
      snapshotIsFinal: false,
      append: () => {},
      logger: silentLogger,
      maxBufferedBytes: 1024,
      maxAwarenessStateBytes: 1024,
    })
    rooms.push(room)
    const a = new ProtocolClient()
    clients.push(a)
    a.connect(room)
    await room.restore()
    expect(a.pair!.closed?.code).toBe(CloseCode.StorageFailed)
    expect(room.isClosed).toBe(true)
  })

  it('relays nothing and closes everyone when storing fails, then reports itself broken', async () => {
    const onBroken = vi.fn()
    let fail = false
    const { room, client } = await setup({
      onBroken,
      append: () => {
        if (fail) throw new Error('disk full')
      },
    })
    const a = client()
    const b = client()
    flushAll([a, b])
    fail = true
    a.records.set('shape:1', shape('shape:1', 1))
    a.pair!.flushToServer()
    expect(b.pair!.toClient).toHaveLength(0)
    expect(a.pair!.closed?.code).toBe(CloseCode.StorageFailed)
    expect(b.pair!.closed?.code).toBe(CloseCode.StorageFailed)
    expect(onBroken).toHaveBeenCalledWith(room)
    expect(room.isClosed).toBe(true)
    expect(() => room.connect(b.pair!.serverSocket)).toThrow()
  })

  it.each([
    ['an empty frame', []],
    ['an unknown message type', [9]],
    ['an unknown sync step', [MessageType.sync, 7, 0]],
    ['a truncated update', [MessageType.sync, 2, 10, 1, 2]],
    ['garbage as an update', [MessageType.sync, 2, 3, 255, 255, 255]],
    ['a truncated awareness update', [MessageType.awareness, 5, 1, 2]],
    ['awareness with broken JSON', [MessageType.awareness, 6, 1, 7, 1, 2, 123, 120]],
  ])('closes only the sender of %s', async (_name, bytes) => {
    const warn = vi.fn()
    const { client } = await setup({ logger: { ...silentLogger, warn } })
    const a = client()
    const b = client()
    flushAll([a, b])
    a.sendRaw(Uint8Array.from(bytes))
    flushAll([a, b])
    expect(a.pair!.closed?.code).toBe(CloseCode.MalformedMessage)
    expect(warn).toHaveBeenCalledWith(
      'message.malformed',
      expect.objectContaining({ boardId: 'board', connectionId: a.connection!.id }),
    )
    expect(b.pair!.closed).toBeUndefined()
    const c = client()
    b.records.set('shape:1', shape('shape:1', 1))
    flushAll([b, c])
    expect(c.snapshot()).toEqual(b.snapshot())
  })

  it('ignores auth messages', async () => {
    const { client } = await setup()
    const a = client()
    a.sendRaw(Uint8Array.from([MessageType.auth, 0]))
    flushAll([a])
    expect(a.pair!.closed).toBeUndefined()
  })

  it('relays awareness, answers awareness queries and removes a departed client', async () => {
    const { room, client } = await setup()
    const a = client()
    const b = client()
    a.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
    flushAll([a, b])
    await turnEnded()
    flushAll([a, b])
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ cursor: { x: 1, y: 2 } })

    const c = client()
    c.sendRaw(Uint8Array.from([MessageType.queryAwareness]))
    flushAll([a, b, c])
    expect(c.awareness.getStates().has(a.doc.clientID)).toBe(true)

    a.disconnect()
    await turnEnded()
    flushAll([b, c])
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false)
    expect(room.awareness.getStates().has(a.doc.clientID)).toBe(false)
  })

  it('relays the presence changes of one turn to everyone in one message, in order', async () => {
    const { client } = await setup()
    const [a, b, c] = [client(), client(), client()]
    flushAll([a, b, c])
    await turnEnded()
    flushAll([a, b, c])
    c.pair!.toClient.splice(0)
    a.awareness.setLocalStateField('cursor', { x: 1 })
    b.awareness.setLocalStateField('cursor', { x: 2 })
    a.awareness.setLocalStateField('cursor', { x: 3 })
    for (const sender of [a, b]) sender.pair!.flushToServer()
    await turnEnded()
    const relayed = c.pair!.toClient.map((frame) => decodeClientMessage(frame))
    expect(relayed).toHaveLength(1)
    const [message] = relayed
    if (message?.type !== 'awareness') throw new Error(`Relayed ${message?.type}`)
    expect(
      decodeAwarenessEntries(message.update).map(({ clientId, state }) => [
        clientId,
        JSON.parse(new TextDecoder().decode(state)),
      ]),
    ).toEqual([
      [a.doc.clientID, { cursor: { x: 1 } }],
      [a.doc.clientID, { cursor: { x: 3 } }],
      [b.doc.clientID, { cursor: { x: 2 } }],
    ])
    flushAll([c])
    expect(c.awareness.getStates().get(a.doc.clientID)).toEqual({ cursor: { x: 3 } })
    expect(c.awareness.getStates().get(b.doc.clientID)).toEqual({ cursor: { x: 2 } })
  })

  it('shows a reconnecting client again even when its awareness did not change', async () => {
    const { room, client } = await setup()
    const a = client()
    a.awareness.setLocalStateField('name', 'Amina')
    flushAll([a])
    a.disconnect()
    expect(room.awareness.getStates().has(a.doc.clientID)).toBe(false)
    a.connect(room)
    flushAll([a])
    expect(room.awareness.getStates().get(a.doc.clientID)).toEqual({ name: 'Amina' })
  })

  it('ignores awareness that claims another connection’s client id, and oversized states', async () => {
    const warn = vi.fn()
    const { room, client } = await setup({ logger: { ...silentLogger, warn } })
    const a = client()
    const b = client()
    a.awareness.setLocalStateField('name', 'Amina')
    flushAll([a, b])
    const forged = encodeAwarenessEntries([
      {
        clientId: a.doc.clientID,
        clock: 99,
        state: new TextEncoder().encode('{"name":"Mallory"}'),
      },
      { clientId: 4242, clock: 1, state: new TextEncoder().encode(`"${'x'.repeat(2000)}"`) },
    ])
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.awareness)
    encoding.writeVarUint8Array(encoder, forged)
    b.sendRaw(encoding.toUint8Array(encoder))
    flushAll([a, b])
    expect(room.awareness.getStates().get(a.doc.clientID)).toEqual({ name: 'Amina' })
    expect(room.awareness.getStates().has(4242)).toBe(false)
    expect(b.pair!.closed).toBeUndefined()
    expect(warn).toHaveBeenCalledWith('awareness.refused', expect.objectContaining({ refused: 2 }))
  })

  it('drops a connection that falls too far behind at once, only that one, and tells its person why when they are back', async () => {
    const { room, client } = await setup({ maxBufferedBytes: 1000 })
    const a = client()
    const b = new ProtocolClient()
    clients.push(b)
    b.connect(room, { participantId: participantId('slow') })
    flushAll([a, b])
    b.pair!.bufferedAmount = 5000
    a.records.set('shape:1', shape('shape:1', 1))
    a.pair!.flushToServer()
    // Dropped, not closed: a close frame would wait behind everything queued for it.
    expect(b.pair!.closed?.code).toBe(ABNORMAL_CLOSURE)
    expect(a.pair!.closed).toBeUndefined()
    b.connect(room)
    flushAll([a, b])
    expect(b.notices.map((notice) => notice.code)).toEqual(['too-slow'])
    expect(b.snapshot()).toEqual(a.snapshot())
  })

  it('reports when the last connection leaves', async () => {
    const onIdle = vi.fn()
    const { room, client } = await setup({ onIdle })
    const a = client()
    const b = client()
    a.disconnect()
    expect(onIdle).not.toHaveBeenCalled()
    b.disconnect()
    b.disconnect()
    expect(onIdle).toHaveBeenCalledTimes(1)
    expect(room.connectionCount).toBe(0)
  })

  it('closes every connection with the given code', async () => {
    const onIdle = vi.fn()
    const { room, client } = await setup({ onIdle })
    const a = client()
    room.closeAll(CloseCode.ServiceRestart, 'restarting')
    expect(a.pair!.closed).toEqual({ code: CloseCode.ServiceRestart, reason: 'restarting' })
    expect(onIdle).not.toHaveBeenCalled()
  })

  describe('limits', () => {
    const awarenessFrame = (clientId: number, clock: number, state: string) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.awareness)
      encoding.writeVarUint8Array(
        encoder,
        encodeAwarenessEntries([{ clientId, clock, state: new TextEncoder().encode(state) }]),
      )
      return encoding.toUint8Array(encoder)
    }
    const rates = { updatesPerSecond: 10, presencePerSecond: 10 }

    it('refuses what would take a board past its size, tells the sender, and lets deletes through', async () => {
      const { room, client } = await setup({ maxBoardBytes: 20_000 })
      const a = client()
      flushAll([a])
      a.records.set('shape:small', shape('shape:small', 1))
      flushAll([a])
      for (let i = 0; i < 6; i++) {
        a.records.set(`shape:${i}`, {
          id: `shape:${i}`,
          typeName: 'shape',
          text: 'x'.repeat(6000),
        } as never)
        flushAll([a])
      }
      expect(a.notices.map((n) => n.code)).toEqual(['board-full'])
      expect(Y.encodeStateAsUpdate(room.doc).byteLength).toBeLessThanOrEqual(20_000)
      // The sender was corrected: it holds what the board holds.
      expect(Object.keys(a.snapshot()).sort()).toEqual(
        [...getRecordStore(room.doc).map.keys()].sort(),
      )
      expect(Object.keys(a.snapshot())).toHaveLength(4)

      a.records.delete('shape:small')
      flushAll([a])
      expect(getRecordStore(room.doc).map.has('shape:small')).toBe(false)
      const b = client()
      flushAll([a, b])
      expect(b.snapshot()).toEqual(a.snapshot())
    })

    it('closes a connection that sends changes far faster than a person can, and only that one', async () => {
      let now = 0
      const { client } = await setup({ rates, now: () => now })
      const a = client()
      const b = client()
      flushAll([a, b])
      // A burst of twice the rate passes (less the sync answer sent on joining), and the rate
      // after that.
      for (let i = 0; i < 19; i++) a.records.set('shape:1', shape('shape:1', i))
      flushAll([a, b])
      now += 1000
      for (let i = 0; i < 10; i++) a.records.set('shape:1', shape('shape:1', i))
      flushAll([a, b])
      expect(a.pair!.closed).toBeUndefined()
      a.records.set('shape:1', shape('shape:1', 99))
      flushAll([a, b])
      expect(a.pair!.closed?.code).toBe(CloseCode.TooFast)
      expect(b.pair!.closed).toBeUndefined()
      expect(b.snapshot()['shape:1']).toEqual(shape('shape:1', 9))
    })

    it('counts a large change for its size', async () => {
      const { client } = await setup({ rates })
      const a = client()
      flushAll([a])
      a.records.set('shape:1', {
        id: 'shape:1',
        typeName: 'shape',
        text: 'x'.repeat(21 * 64 * 1024),
      } as never)
      flushAll([a])
      expect(a.pair!.closed?.code).toBe(CloseCode.TooFast)
    })

    it('drops presence over its rate, and closes a connection that keeps on', async () => {
      let now = 0
      const { room, client } = await setup({ rates, now: () => now })
      const a = client()
      const b = client()
      flushAll([a, b])
      // Its own presence, sent on joining, counts: 19 more make a burst of twice the rate.
      const id = 777
      for (let clock = 1; clock <= 25; clock++)
        a.sendRaw(awarenessFrame(id, clock, `{"x":${clock}}`))
      flushAll([a, b])
      expect(room.awareness.getStates().get(id)).toEqual({ x: 19 })
      expect(a.pair!.closed).toBeUndefined()
      for (let clock = 26; clock <= 40; clock++) a.sendRaw(awarenessFrame(id, clock, '{}'))
      flushAll([a, b])
      expect(a.pair!.closed?.code).toBe(CloseCode.TooFast)
      expect(b.pair!.closed).toBeUndefined()
    })

    it('lets a connection speak for a few presence ids only', async () => {
      const { room, client } = await setup()
      const a = client()
      flushAll([a])
      for (let id = 1; id <= 10; id++) a.sendRaw(awarenessFrame(id, 1, '{}'))
      flushAll([a])
      // Its own id was claimed on joining; three more are let in.
      expect([...room.awareness.getStates().keys()]).toEqual([1, 2, 3])
      expect(MAX_PRESENCE_IDS_PER_CONNECTION).toBe(4)
    })

    it('keeps a departed presence id for its participant until the awareness timeout', async () => {
      let now = 0
      const { room, client } = await setup({ now: () => now, presenceTimeoutMs: 30_000 })
      const amina = { participantId: participantId('amina') }
      const mallory = { participantId: participantId('mallory') }
      const victim = new ProtocolClient()
      clients.push(victim)
      victim.connect(room, amina)
      victim.awareness.setLocalStateField('name', 'Amina')
      flushAll([victim])
      victim.disconnect()

      const thief = new ProtocolClient()
      clients.push(thief)
      thief.connect(room, mallory)
      thief.sendRaw(awarenessFrame(victim.doc.clientID, 50, '{"name":"Mallory"}'))
      flushAll([thief])
      expect(room.awareness.getStates().has(victim.doc.clientID)).toBe(false)

      now += 10_000
      victim.connect(room, amina)
      flushAll([victim, thief])
      expect(room.awareness.getStates().get(victim.doc.clientID)).toEqual({ name: 'Amina' })

      victim.disconnect()
      now += 30_001
      thief.sendRaw(awarenessFrame(victim.doc.clientID, 60, '{"name":"Later"}'))
      flushAll([thief])
      expect(room.awareness.getStates().get(victim.doc.clientID)).toEqual({ name: 'Later' })
    })
  })
})
