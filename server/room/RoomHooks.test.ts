import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordStore } from '../../shared/docLayout'
import type { LedgerDraft } from '../../shared/ledger'
import { CommonmapMessage } from '../../shared/protocol'
import { CURRENT_KEY } from '../../shared/serverState'
import { ProtocolClient, flushAll } from '../../tests/helpers/ProtocolClient'
import { participantId } from '../../tests/helpers/participants'
import { SocketPair } from '../../tests/helpers/socketPair'
import { silentLogger } from '../logger'
import type { LogEntry } from '../storage/UpdateLog'
import { Room, type RoomOptions } from './Room'
import type { RoomPlugin } from './RoomPlugin'
import { encodeSyncStep1 } from './wireMessages'

const card = (id: string, words: string) => ({ id, typeName: 'shape', words }) as never
const draft = (recordId: string): LedgerDraft => ({
  at: 1,
  participantId: participantId('sam'),
  writtenDownBy: null,
  action: 'created',
  recordId,
  recordType: 'card',
})

/** The hooks of the room plug-in interface, each with a plug-in made for the test. */
describe('Room plug-in hooks', () => {
  const clients: ProtocolClient[] = []
  const rooms: Room[] = []
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
    for (const room of rooms.splice(0)) room.destroy()
  })

  function setup(plugins: RoomPlugin[], options: Partial<RoomOptions> = {}) {
    const appended: LogEntry[] = []
    const room = new Room({
      boardId: 'board',
      stored: { snapshot: Y.encodeStateAsUpdate(new Y.Doc()), updates: [], schema: null },
      snapshotIsFinal: true,
      append: (entry) => {
        appended.push(entry)
      },
      plugins,
      logger: silentLogger,
      maxBufferedBytes: 1 << 20,
      maxAwarenessStateBytes: 1024,
      ...options,
    })
    rooms.push(room)
    const client = (name = 'sam') => {
      const c = new ProtocolClient()
      clients.push(c)
      return c.connect(room, { participantId: participantId(name) })
    }
    return { room, appended, client }
  }

  it('authorize: a connection may do what any plug-in grants, and is told so', async () => {
    const { room, client } = setup([
      { name: 'a', authorize: () => ['view'] },
      {
        name: 'b',
        authorize: (c) => (c.identity?.participantId === participantId('ed') ? ['edit'] : []),
      },
    ])
    await room.restore()
    const viewer = client('vi')
    const editor = client('ed')
    flushAll([viewer, editor])
    expect(viewer.serverState.you?.capabilities).toEqual(['view'])
    expect(editor.serverState.you?.capabilities).toEqual(['view', 'edit'])
  })

  it('authorize: with no plug-in deciding, everyone may view and edit (a plain relay)', async () => {
    const { room, client } = setup([])
    await room.restore()
    const a = client()
    flushAll([a])
    expect(a.serverState.you?.capabilities).toEqual(['view', 'edit'])
  })

  it('restore and states: the snapshot reaches each connection once restored, then only changes', async () => {
    let publish: ((value: number) => void) | undefined
    const plugin: RoomPlugin = {
      name: 'counter',
      states: ['contributions'],
      async restore(context) {
        await Promise.resolve()
        context.state('contributions').set(participantId('sam'), 1)
        publish = (value) => context.state('contributions').set(participantId('sam'), value)
      },
    }
    const { room, client } = setup([plugin])
    const early = client()
    flushAll([early])
    expect(early.synced).toBe(false)
    await room.restore()
    flushAll([early])
    expect(early.synced).toBe(true)
    expect(early.serverState.get('contributions').get(participantId('sam'))).toBe(1)
    publish!(2)
    room.handleBoardEvent({ type: 'licence-changed' })
    await room.settled()
    flushAll([early])
    expect(early.serverState.get('contributions').get(participantId('sam'))).toBe(2)
  })

  it('states: a connection is sent them once it asks to sync, not before', async () => {
    const { room, client } = setup([
      {
        name: 'counter',
        states: ['contributions'],
        restore: (context) => context.state('contributions').set(participantId('sam'), 1),
      },
    ])
    await room.restore()
    const pair = new SocketPair(
      () => {},
      () => {},
    )
    const silent = room.connect(pair.serverSocket, { participantId: participantId('mo') })
    await room.stored()
    const typesSent = () => pair.toClient.map((frame) => frame[0])
    expect(typesSent()).not.toContain(CommonmapMessage.serverState)

    const syncing = client()
    flushAll([syncing])
    expect(syncing.serverState.get('contributions').get(participantId('sam'))).toBe(1)
    silent.receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    await room.stored()
    expect(typesSent().filter((type) => type === CommonmapMessage.serverState)).toHaveLength(1)
  })

  it('states: a plug-in writes only the states it declared', async () => {
    const onBroken = vi.fn()
    const greedy: RoomPlugin = {
      name: 'greedy',
      states: ['people'],
      restore: (context) => {
        context.state('licence')
      },
    }
    const { room } = setup([greedy], { onBroken })
    await room.restore()
    expect(onBroken).toHaveBeenCalledWith(room)
  })

  it('checkRecord: a refused change is undone where it was made, and a replacement written instead', async () => {
    const plugin: RoomPlugin = {
      name: 'rules',
      checkRecord: (change) => {
        const words = (change.after as { words?: string } | undefined)?.words
        if (words === 'forbidden') return { reason: 'no' }
        if (words === 'shout')
          return { reason: 'quieter', replacement: { ...change.after, words: 'quiet' } }
        return undefined
      },
    }
    const { room, appended, client } = setup([plugin])
    await room.restore()
    const serverClientId = room.doc.clientID
    const a = client()
    const b = client()
    flushAll([a, b])
    a.doc.transact(() => {
      a.records.set('shape:1', card('shape:1', 'forbidden'))
      a.records.set('shape:2', card('shape:2', 'shout'))
      a.records.set('shape:3', card('shape:3', 'fine'))
    })
    flushAll([a, b])
    const stored = appended.map((entry) => new TextDecoder().decode(entry.update)).join('')
    expect(stored).not.toContain('forbidden')
    expect(stored).not.toContain('shout')
    for (const c of [a, b]) {
      expect(c.snapshot()).toEqual({
        'shape:2': card('shape:2', 'quiet'),
        'shape:3': card('shape:3', 'fine'),
      })
    }
    expect(a.notices.map((n) => n.code)).toEqual(['record-refused'])
    expect(b.notices).toEqual([])
    // Writing its corrections inside the client's transaction keeps the server's own client id.
    expect(room.doc.clientID).toBe(serverClientId)
  })

  it('accepted: sees what a client changed, with who, and its drafts are stored with the update', async () => {
    const seen: string[] = []
    const plugin: RoomPlugin = {
      name: 'ledger',
      accepted: ({ connection, changes }) => {
        seen.push(`${connection.identity?.participantId}:${changes.map((c) => c.id).join()}`)
        return changes.map((change) => draft(change.id))
      },
    }
    const { room, appended, client } = setup([plugin])
    await room.restore()
    const a = client()
    flushAll([a])
    a.records.set('shape:1', card('shape:1', 'hello'))
    flushAll([a])
    expect(seen).toEqual([`${participantId('sam')}:shape:1`])
    expect(appended).toHaveLength(1)
    expect(appended[0]!.ledger).toEqual([draft('shape:1')])
  })

  it('receive: a message of a plug-in’s type reaches it; an unknown type closes only its sender', async () => {
    const received: number[] = []
    const plugin: RoomPlugin = {
      name: 'echo',
      messages: { 120: 16 },
      receive: (connection, _type, payload, context) => {
        received.push(payload[0]!)
        context.send(connection, Uint8Array.from([121]))
      },
    }
    const { room, client } = setup([plugin])
    await room.restore()
    const a = client()
    const b = client()
    flushAll([a, b])
    a.sendRaw(Uint8Array.from([120, 7]))
    a.pair!.flushToServer()
    expect(received).toEqual([7])
    expect(a.pair!.toClient.at(-1)).toEqual(Uint8Array.from([121]))
    a.pair!.toClient.length = 0
    b.sendRaw(Uint8Array.from([122, 1]))
    flushAll([b])
    expect(b.pair!.closed?.code).toBe(CloseCode.MalformedMessage)
    expect(a.pair!.closed).toBeUndefined()
  })

  it('receive: a failure inside a plug-in is the server’s, not the client’s', async () => {
    const { room, client } = setup([
      {
        name: 'buggy',
        messages: { 120: 16 },
        receive: () => {
          throw new TypeError('a bug')
        },
      },
    ])
    await room.restore()
    const a = client()
    flushAll([a])
    a.sendRaw(Uint8Array.from([120]))
    a.pair!.flushToServer()
    expect(a.pair!.closed?.code).toBe(CloseCode.ServerError)
  })

  it('checkRecord: a failure inside a plug-in while vetting stores and relays nothing, and says it is the server’s', async () => {
    const { room, appended, client } = setup([
      {
        name: 'buggy',
        checkRecord: () => {
          throw new TypeError('a bug')
        },
      },
    ])
    await room.restore()
    const a = client()
    const b = client()
    flushAll([a, b])
    a.records.set('shape:1', card('shape:1', 'unvetted'))
    a.pair!.flushToServer()
    expect(appended).toEqual([])
    expect(
      b.pair!.toClient.some((frame) => new TextDecoder().decode(frame).includes('unvetted')),
    ).toBe(false)
    expect(a.pair!.closed?.code).toBe(CloseCode.ServerError)
    expect(b.pair!.closed?.code).toBe(CloseCode.ServerError)
    expect(room.isClosed).toBe(true)
  })

  it('onBoardEvent: events that arrive while restoring wait, then reach the plug-ins in order', async () => {
    const events: string[] = []
    const plugin: RoomPlugin = {
      name: 'listener',
      restore: () => {
        events.push('restored')
      },
      onBoardEvent: async (event) => {
        await Promise.resolve()
        events.push(event.type === 'participant-changed' ? event.participantId : event.type)
      },
    }
    const { room } = setup([plugin])
    room.handleBoardEvent({ type: 'participant-changed', participantId: 'p1' })
    room.handleBoardEvent({ type: 'licence-changed' })
    expect(events).toEqual([])
    await room.restore()
    room.handleBoardEvent({ type: 'participant-changed', participantId: 'p2' })
    await room.settled()
    expect(events).toEqual(['restored', 'p1', 'licence-changed', 'p2'])
  })

  it('opened and writeCredited: a plug-in writes once the room is open, its drafts stored with the update and seen by every plug-in first', async () => {
    const seen: string[] = []
    const writer: RoomPlugin = {
      name: 'writer',
      opened: async (context) => {
        seen.push('opened')
        await context.writeCredited((records) => {
          records.put('shape:revealed', card('shape:revealed', 'thought alone'))
          return [draft('shape:revealed')]
        })
        seen.push('durable')
      },
    }
    const folder: RoomPlugin = {
      name: 'folder',
      credited: (drafts) => void seen.push(`credited ${drafts.map((d) => d.recordId).join()}`),
    }
    let finishAppend = () => {}
    const { room, appended, client } = setup([writer, folder], {
      append: (entry) => {
        appended.push(entry)
        return new Promise<void>((resolve) => (finishAppend = resolve))
      },
    })
    const a = client()
    await room.restore()
    await vi.waitFor(() => expect(seen).toEqual(['opened', 'credited shape:revealed']))
    flushAll([a])
    // Relayed only once stored.
    expect(a.records.get('shape:revealed')).toBeUndefined()
    expect(appended.at(-1)?.ledger).toEqual([draft('shape:revealed')])
    finishAppend()
    await room.settled()
    expect(seen.at(-1)).toBe('durable')
    flushAll([a])
    expect(a.records.get('shape:revealed')).toEqual(card('shape:revealed', 'thought alone'))
  })

  it('documentRestored: what plug-ins write and the removal of older roots are one append, with the schema', async () => {
    const legacy = new Y.Doc()
    getRecordStore(legacy).set('shape:old', card('shape:old', 'old words'))
    legacy.getMap('meta').set('schema', { version: 'old' })
    legacy.getMap('participants').set('p', { name: 'Old name' })
    let seenSchema: unknown
    const plugin: RoomPlugin = {
      name: 'migrator',
      documentRestored: (_context, document) => {
        seenSchema = document.legacyRoot('meta')?.get('schema')
        document.put('shape:old', card('shape:old', 'new words'))
        document.setSchema({ schemaVersion: 2, sequences: {} })
      },
    }
    const { room, appended, client } = setup([plugin], {
      stored: { snapshot: Y.encodeStateAsUpdate(legacy), updates: [], schema: null },
      snapshotIsFinal: false,
    })
    const a = client()
    flushAll([a])
    await room.restore()
    flushAll([a])
    expect(seenSchema).toEqual({ version: 'old' })
    expect(appended).toHaveLength(1)
    expect(appended[0]!.schema).toEqual({ schemaVersion: 2, sequences: {} })
    expect(new TextDecoder().decode(appended[0]!.update)).not.toContain('Old name')
    expect(a.snapshot()).toEqual({ 'shape:old': card('shape:old', 'new words') })
    expect(a.doc.getMap('participants').size).toBe(0)
    expect(a.synced).toBe(true)
  })

  it('disconnected: hears that a connection left', async () => {
    const left = vi.fn()
    const { room, client } = setup([{ name: 'watcher', disconnected: left }])
    await room.restore()
    const a = client()
    a.disconnect()
    expect(left).toHaveBeenCalledWith(
      expect.objectContaining({ identity: { participantId: participantId('sam') } }),
      expect.objectContaining({ boardId: 'board' }),
    )
  })

  it('connected: hears that a connection joined, once it is among the connections', async () => {
    const seen: number[] = []
    const { room, client } = setup([
      { name: 'counter', connected: (_c, context) => seen.push(context.connections().length) },
    ])
    await room.restore()
    client('sam')
    client('ed')
    expect(seen).toEqual([1, 2])
  })
})

describe('Room pipeline', () => {
  const clients: ProtocolClient[] = []
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })

  it('relays nothing, and answers no joiner, before the update is durable, and keeps the order', async () => {
    const pending: { entry: LogEntry; done: (error?: Error) => void }[] = []
    const publishLater: RoomPlugin = {
      name: 'counter',
      states: ['voiceBalance'],
      accepted: (change, context) => {
        context.state('voiceBalance').set(CURRENT_KEY, {
          people: change.changes.length,
          contributions: 0,
          roles: [],
          smallGroups: null,
          notNamed: null,
        })
      },
    }
    const room = new Room({
      boardId: 'board',
      stored: { snapshot: Y.encodeStateAsUpdate(new Y.Doc()), updates: [], schema: null },
      snapshotIsFinal: true,
      append: (entry) =>
        new Promise<void>((resolve, reject) =>
          pending.push({ entry, done: (error) => (error ? reject(error) : resolve()) }),
        ),
      plugins: [publishLater],
      logger: silentLogger,
      maxBufferedBytes: 1 << 20,
      maxAwarenessStateBytes: 1024,
    })
    await room.restore()
    const connect = () => {
      const c = new ProtocolClient()
      clients.push(c)
      return c.connect(room, { participantId: participantId('sam') })
    }
    const a = connect()
    const b = connect()
    flushAll([a, b])
    a.records.set('shape:1', card('shape:1', 'one'))
    a.records.set('shape:2', card('shape:2', 'two'))
    flushAll([a, b])
    const late = connect()
    flushAll([a, b, late])
    a.records.set('shape:3', card('shape:3', 'three'))
    flushAll([a, b, late])
    // Every append starts at once (a log may gather them into one transaction)…
    expect(pending).toHaveLength(3)
    expect(b.records.has('shape:1')).toBe(false)
    expect(late.synced).toBe(false)
    expect(b.serverState.get('voiceBalance').size).toBe(0)

    // …but nothing is delivered out of order: the second being durable first changes nothing.
    pending[1]!.done()
    await new Promise((resolve) => setImmediate(resolve))
    flushAll([a, b, late])
    expect(b.records.has('shape:2')).toBe(false)

    pending[0]!.done()
    await vi.waitFor(() => {
      flushAll([a, b, late])
      expect(b.records.has('shape:2')).toBe(true)
    })
    expect(b.records.has('shape:1')).toBe(true)
    expect(b.records.has('shape:3')).toBe(false)
    expect(b.serverState.get('voiceBalance').get(CURRENT_KEY)).toMatchObject({ people: 1 })
    // The joiner's answer waited for exactly what was applied before it joined.
    expect(late.synced).toBe(true)
    expect(Object.keys(late.snapshot()).sort()).toEqual(['shape:1', 'shape:2'])

    pending[2]!.done()
    await vi.waitFor(() => {
      flushAll([a, b, late])
      expect(b.records.has('shape:3')).toBe(true)
    })
    expect(b.snapshot()).toEqual(a.snapshot())
    expect(late.snapshot()).toEqual(a.snapshot())
  })

  it('breaks, storing and relaying nothing more, when an append fails', async () => {
    const onBroken = vi.fn()
    const room = new Room({
      boardId: 'board',
      stored: { snapshot: Y.encodeStateAsUpdate(new Y.Doc()), updates: [], schema: null },
      snapshotIsFinal: true,
      append: () => Promise.reject(new Error('connection to the database lost')),
      logger: silentLogger,
      maxBufferedBytes: 1 << 20,
      maxAwarenessStateBytes: 1024,
      onBroken,
    })
    await room.restore()
    const a = new ProtocolClient()
    clients.push(a)
    a.connect(room)
    flushAll([a])
    a.records.set('shape:1', card('shape:1', 'one'))
    flushAll([a])
    await vi.waitFor(() => expect(onBroken).toHaveBeenCalledWith(room))
    expect(a.pair!.closed?.code).toBe(CloseCode.StorageFailed)
    room.destroy()
  })

  it('sends a client the correction when it wrote outside the records', async () => {
    const room = new Room({
      boardId: 'board',
      stored: { snapshot: Y.encodeStateAsUpdate(new Y.Doc()), updates: [], schema: null },
      snapshotIsFinal: true,
      append: () => {},
      logger: silentLogger,
      maxBufferedBytes: 1 << 20,
      maxAwarenessStateBytes: 1024,
    })
    await room.restore()
    const a = new ProtocolClient()
    clients.push(a)
    a.connect(room)
    flushAll([a])
    a.doc.getMap('meta').set('schema', 'forged')
    flushAll([a])
    expect(a.doc.getMap('meta').size).toBe(0)
    room.destroy()
  })
})
