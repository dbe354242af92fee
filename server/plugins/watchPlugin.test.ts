import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { CURRENT_KEY } from '../../shared/serverState'
import { ProtocolClient, flushAll } from '../../tests/helpers/ProtocolClient'
import { participantId } from '../../tests/helpers/participants'
import { silentLogger } from '../logger'
import { Room } from '../room/Room'
import type { ConnectionIdentity, RoomPlugin } from '../room/RoomPlugin'
import { MemoryStorage } from '../storage/MemoryStorage'
import { createWatchPlugin } from './watchPlugin'

const BOARD = 'board'
const STEP = {
  at: 0,
  participantId: participantId('alex'),
  writtenDownBy: null,
  action: 'process',
  recordId: 'watch-link:x',
  recordType: 'watch-link-made',
} as const

describe('the watch plug-in', () => {
  const clients: ProtocolClient[] = []
  const rooms: Room[] = []
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
    for (const room of rooms.splice(0)) room.destroy()
  })

  async function setup() {
    const storage = new MemoryStorage()
    await storage.createBoard({
      info: { id: BOARD, title: 'Housing', createdAt: 0 },
      initialState: Y.encodeStateAsUpdate(new Y.Doc()),
      schema: { schemaVersion: 2, sequences: {} },
    })
    for (const [id, revokedAt] of [
      ['w_open', null],
      ['w_gone', 5],
    ] as const) {
      await storage.createWatchLink(
        {
          id,
          boardId: BOARD,
          tokenHash: new Uint8Array(32),
          createdBy: participantId('alex'),
          createdAt: 1,
          revokedAt,
          revokedBy: revokedAt && participantId('alex'),
        },
        STEP,
      )
    }
    // People may view and edit, as the people plug-in lets them.
    const people: RoomPlugin = {
      name: 'people',
      authorize: (c) => (c.identity?.participantId ? ['view', 'edit'] : []),
    }
    const room = new Room({
      boardId: BOARD,
      stored: (await storage.load(BOARD))!,
      snapshotIsFinal: true,
      plugins: [people, createWatchPlugin(storage, BOARD)],
      append: () => {},
      logger: silentLogger,
      maxBufferedBytes: 1 << 20,
      maxAwarenessStateBytes: 1024,
    })
    rooms.push(room)
    await room.restore()
    const connect = (identity: ConnectionIdentity) => {
      const client = new ProtocolClient()
      clients.push(client)
      return client.connect(room, identity)
    }
    const watch = (linkId: string) =>
      connect({ participantId: null, capabilities: ['view'], watchLinkId: linkId })
    return { room, connect, watch }
  }

  it('lets a watch link view only, counts who watches, and relays no presence of theirs', async () => {
    const { connect, watch } = await setup()
    const sam = connect({ participantId: participantId('sam') })
    const watchers = [watch('w_open'), watch('w_open')]
    for (const watcher of watchers) watcher.awareness.setLocalState({ name: 'Anyone' })
    flushAll([sam, ...watchers])
    expect(watchers[0]?.serverState.you).toEqual({ participantId: null, capabilities: ['view'] })
    expect(sam.serverState.get('watching').get(CURRENT_KEY)).toBe(2)
    expect([...sam.awareness.getStates().keys()]).not.toContain(watchers[0]?.doc.clientID)

    for (const watcher of watchers) watcher.disconnect()
    flushAll([sam])
    expect(sam.serverState.get('watching').get(CURRENT_KEY)).toBeUndefined()
  })

  it('refuses a link revoked before the room loaded, and closes one revoked after', async () => {
    const { room, watch } = await setup()
    const early = watch('w_gone')
    flushAll([early])
    expect(early.pair?.closed?.code).toBe(CloseCode.NotAuthenticated)

    const watcher = watch('w_open')
    flushAll([watcher])
    expect(watcher.synced).toBe(true)
    room.handleBoardEvent({ type: 'watch-link-revoked', linkId: 'w_open' })
    await room.settled()
    expect(watcher.pair?.closed?.code).toBe(CloseCode.LinkRevoked)
  })
})
