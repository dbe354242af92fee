import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordStore } from '../../shared/docLayout'
import { ProtocolClient, flushAll } from '../../tests/helpers/ProtocolClient'
import { waitFor } from '../../tests/helpers/waitFor'
import { silentLogger } from '../logger'
import { commonmapSchema } from '../../shared/schema'
import { MemoryStorage } from '../storage/MemoryStorage'
import { RoomRegistry, type RoomRegistryOptions } from './RoomRegistry'

const boardId = 'board-1'
const shape = (id: string) => ({ id, typeName: 'shape' }) as never

async function createStorage() {
  const storage = new MemoryStorage()
  const doc = new Y.Doc()
  getRecordStore(doc).set('shape:seed', shape('shape:seed'))
  await storage.createBoard({
    info: { id: boardId, title: 'Housing', createdAt: 0 },
    initialState: Y.encodeStateAsUpdate(doc),
    schema: commonmapSchema.serialize(),
  })
  return storage
}

describe('RoomRegistry', () => {
  const registries: RoomRegistry[] = []
  const clients: ProtocolClient[] = []
  afterEach(async () => {
    for (const registry of registries.splice(0)) await registry.close(1000, 'test over')
    for (const client of clients.splice(0)) client.destroy()
  })

  async function setup(options: Partial<RoomRegistryOptions> & { storage?: MemoryStorage } = {}) {
    const storage = options.storage ?? (await createStorage())
    const registry = new RoomRegistry({
      log: storage.log,
      // A plain relay: these tests are about loading and unloading, not about plug-ins.
      setup: (_boardId, stored) => ({ snapshotIsFinal: stored.updates.length === 0 }),
      logger: silentLogger,
      idleUnloadMs: 60_000,
      maxBufferedBytes: 1 << 20,
      maxAwarenessStateBytes: 1024,
      ...options,
    })
    registries.push(registry)
    const client = () => {
      const c = new ProtocolClient()
      clients.push(c)
      return c
    }
    return { registry, storage, client }
  }

  it('loads a board once for concurrent joins, and the joiners sync', async () => {
    const { registry, storage, client } = await setup()
    const load = vi.spyOn(storage, 'load')
    const joiners = [client(), client(), client()]
    const results = await Promise.all(joiners.map((c) => c.join(registry, boardId)))
    expect(results.map((r) => r.kind)).toEqual(['joined', 'joined', 'joined'])
    expect(load).toHaveBeenCalledTimes(1)
    expect(registry.size).toBe(1)

    joiners[0]!.records.set('shape:a', shape('shape:a'))
    // The room restores its document a turn after loading; deliver until everyone has the edit.
    await waitFor(() => {
      flushAll(joiners)
      return joiners.every((joiner) => joiner.records.has('shape:a'))
    })
    for (const joiner of joiners) {
      expect(Object.keys(joiner.snapshot()).sort()).toEqual(['shape:a', 'shape:seed'])
    }
  })

  it('refuses an unknown board without remembering it', async () => {
    const { registry, client } = await setup()
    expect(await client().join(registry, 'nobody')).toEqual({ kind: 'not-found' })
    expect(registry.size).toBe(0)
  })

  it('unloads a room after its last connection leaves, compacts it, and reloads on demand', async () => {
    const { registry, storage, client } = await setup({ idleUnloadMs: 20 })
    const compact = vi.spyOn(storage, 'compact')
    const first = client()
    await first.join(registry, boardId)
    first.disconnect()
    expect(registry.size).toBe(1)
    await waitFor(() => registry.size === 0, { what: 'the room to unload' })
    await waitFor(() => compact.mock.calls.length === 1, { what: 'compaction on unload' })

    expect((await client().join(registry, boardId)).kind).toBe('joined')
    expect(registry.size).toBe(1)
  })

  it('keeps a room that someone rejoined before the unload delay ran out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const { registry, client } = await setup({ idleUnloadMs: 30 })
      const first = client()
      await first.join(registry, boardId)
      first.disconnect()
      await client().join(registry, boardId)
      await vi.advanceTimersByTimeAsync(100)
      expect(registry.size).toBe(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('drops a room whose storage failed, so the next join loads what is on disk', async () => {
    const { registry, storage, client } = await setup()
    const writer = client()
    await writer.join(registry, boardId)
    await waitFor(() => {
      flushAll([writer])
      return writer.records.has('shape:seed')
    })
    const append = vi.spyOn(storage, 'append').mockImplementation(() => {
      throw new Error('disk full')
    })
    writer.records.set('shape:unsaved', shape('shape:unsaved'))
    await waitFor(() => {
      flushAll([writer])
      return writer.pair?.closed
    })
    expect(writer.pair?.closed?.code).toBe(CloseCode.StorageFailed)
    await waitFor(() => registry.size === 0, { what: 'the broken room to be dropped' })

    append.mockRestore()
    const reader = client()
    await reader.join(registry, boardId)
    await waitFor(() => {
      flushAll([reader])
      return reader.records.has('shape:seed')
    })
    expect(Object.keys(reader.snapshot())).toEqual(['shape:seed'])
  })

  it('closes every connection and refuses joins once closed', async () => {
    const { registry, client } = await setup()
    const member = client()
    await member.join(registry, boardId)
    await registry.close(CloseCode.ServiceRestart, 'restarting')
    expect(member.pair?.closed).toEqual({ code: CloseCode.ServiceRestart, reason: 'restarting' })
    expect(await client().join(registry, boardId)).toEqual({ kind: 'closing' })
  })
})
