// @vitest-environment node
import {
  createShapeId,
  createTLStore,
  GeoShapeUtil,
  PageRecordType,
  transact,
  type IndexKey,
  type TLGeoShape,
  type TLInstance,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createInitialBoardState } from '../../../server/initialBoardState'
import { DocRoot, getRecordStore } from '../../../shared/docLayout'
import { DEFAULT_MAX_MESSAGE_BYTES, MAX_RECORD_BYTES } from '../../../shared/limits'
import { schemaFingerprint } from '../../../shared/protocol'
import { COMMONMAP_SCHEMA_FINGERPRINT } from '../../../shared/commonmapSchemaFingerprint'
import { linkDocs, type DocLink } from '../../../tests/helpers/linkDocs'
import { shapeRecord } from '../../../tests/helpers/mapRecords'
import { bindStoreToYDoc, type BindStoreToYDocOptions } from './bindStoreToYDoc'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'

const PAGE_ID = PageRecordType.createId('page')
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function makeStore(): TLStore {
  return createTLStore({ shapeUtils: BOARD_SHAPE_UTILS, bindingUtils: BOARD_BINDING_UTILS })
}

/** A doc holding what the server writes when a board is created. */
function boardDoc(): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, createInitialBoardState())
  cleanups.push(() => doc.destroy())
  return doc
}

function geoShape(name: string, changes: Partial<TLGeoShape> = {}): TLGeoShape {
  return shapeRecord<TLGeoShape>('geo', name, GeoShapeUtil.prototype.getDefaultProps(), changes)
}

interface Client {
  store: TLStore
  doc: Y.Doc
  onInvalidRecord: ReturnType<typeof vi.fn<NonNullable<BindStoreToYDocOptions['onInvalidRecord']>>>
  unbind: () => void
}

function bindClient(doc: Y.Doc, store = makeStore()): Client {
  const onInvalidRecord = vi.fn<NonNullable<BindStoreToYDocOptions['onInvalidRecord']>>()
  const unbind = bindStoreToYDoc(store, doc, { onInvalidRecord })
  cleanups.push(unbind)
  return { store, doc, onInvalidRecord, unbind }
}

/** Two clients on one board: `a` loaded it first, `b` joined through the link. */
function twoClients(): { a: Client; b: Client; link: DocLink } {
  const docA = boardDoc()
  const docB = new Y.Doc()
  cleanups.push(() => docB.destroy())
  const link = linkDocs(docA, docB)
  cleanups.push(() => link.unlink())
  return { a: bindClient(docA), b: bindClient(docB), link }
}

/** The records a doc holds, by id (the right-most entry wins, as in YKeyValue). */
function docRecords(doc: Y.Doc): Record<string, unknown> {
  const entries = doc.getArray<{ key: string; val: unknown }>(DocRoot.records).toArray()
  return Object.fromEntries(entries.map(({ key, val }) => [key, val]))
}

function boardRecords(store: TLStore): Record<string, TLRecord> {
  const records = store
    .allRecords()
    .filter((r) => store.schema.types[r.typeName].scope === 'document')
  return Object.fromEntries(records.map((record) => [record.id, record]))
}

/** Both stores and both docs hold exactly the same board. */
function expectConverged(a: Client, b: Client) {
  const records = boardRecords(a.store)
  expect(boardRecords(b.store)).toEqual(records)
  expect(docRecords(a.doc)).toEqual(records)
  expect(docRecords(b.doc)).toEqual(records)
  expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc))
}

/** Counts the updates a doc produces itself, not the ones `link` delivers. */
function countOwnUpdates(doc: Y.Doc, link?: DocLink): { count: number } {
  const counter = { count: 0 }
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== link) counter.count++
  })
  return counter
}

describe('bindStoreToYDoc', () => {
  it('uses the schema the server uses', () => {
    expect(schemaFingerprint(makeStore().schema.serialize())).toBe(COMMONMAP_SCHEMA_FINGERPRINT)
  })

  it('loads the board the server created', () => {
    const { a, b } = twoClients()
    expect(a.store.get('page:page' as TLRecord['id'])).toMatchObject({ name: 'Page 1' })
    expect(a.store.get('document:document' as TLRecord['id'])).toBeDefined()
    expectConverged(a, b)
    expect(a.onInvalidRecord).not.toHaveBeenCalled()
  })

  it('carries additions, updates and deletions both ways', () => {
    const { a, b } = twoClients()
    const shape = geoShape('box')

    a.store.put([shape])
    expect(b.store.get(shape.id)).toEqual(shape)

    b.store.update(shape.id, (s) => ({ ...s, x: 120 }))
    expect(a.store.get(shape.id)).toMatchObject({ x: 120 })

    b.store.put([geoShape('other')])
    a.store.remove([shape.id])
    expect(b.store.get(shape.id)).toBeUndefined()
    expect(a.store.get(createShapeId('other'))).toBeDefined()
    expectConverged(a, b)
  })

  it('writes one transaction per batch, marked as the bridge’s own', () => {
    const { a } = twoClients()
    const origins: unknown[] = []
    a.doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))

    a.store.put([geoShape('one'), geoShape('two')])

    expect(origins).toHaveLength(1)
    expect(String(origins[0])).toBe('Symbol(bindStoreToYDoc)')
  })

  it('splits a paste of 2,500 shapes into changes that each fit in one message the server takes', () => {
    const { a, b, link } = twoClients()
    const sizes: number[] = []
    a.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== link) sizes.push(update.byteLength)
    })
    a.store.put(Array.from({ length: 2500 }, (_, i) => geoShape(`pasted${i}`, { x: i, y: i })))
    expect(sizes.length).toBeGreaterThan(10)
    // Far under the limit, whatever the frame's few bytes of header.
    expect(Math.max(...sizes)).toBeLessThan(DEFAULT_MAX_MESSAGE_BYTES / 2)
    expectConverged(a, b)
  })

  it('does not share a record too large for one message: the board’s version is put back and the person told', () => {
    const doc = boardDoc()
    const store = makeStore()
    const onTooLarge = vi.fn()
    cleanups.push(bindStoreToYDoc(store, doc, { onTooLarge }))
    const shape = geoShape('card')
    store.put([shape])
    const words = { notes: 'x'.repeat(MAX_RECORD_BYTES) }
    const grown = { ...shape, meta: words }
    store.put([grown])
    const added = geoShape('new card', { meta: words })
    store.put([added])

    expect(onTooLarge.mock.calls).toEqual([[grown], [added]])
    expect(store.get(shape.id)).toEqual(shape)
    expect(store.get(added.id)).toBeUndefined()
    expect(docRecords(doc)[shape.id]).toEqual(shape)
    expect(docRecords(doc)[added.id]).toBeUndefined()
  })

  it('merges concurrent edits to different records', () => {
    const { a, b, link } = twoClients()
    a.store.put([geoShape('left'), geoShape('right')])
    link.hold()

    a.store.update(createShapeId('left'), (s) => ({ ...s, x: 10 }))
    b.store.update(createShapeId('right'), (s) => ({ ...s, y: 20 }))
    link.release()

    expect(a.store.get(createShapeId('right'))).toMatchObject({ y: 20 })
    expect(b.store.get(createShapeId('left'))).toMatchObject({ x: 10 })
    expectConverged(a, b)
  })

  it.each(['a', 'b'] as const)(
    'converges on one version when both edit the same record (%s delivered first)',
    (first) => {
      const { a, b, link } = twoClients()
      const shape = geoShape('contested')
      a.store.put([shape])
      link.hold()

      a.store.put([{ ...shape, x: 10 }])
      b.store.put([{ ...shape, y: 20 }])
      link.release(first === 'a' ? a.doc : b.doc)

      // Whole records are last-writer-wins: one side's edit survives, the same one everywhere.
      expect([
        { x: 10, y: 0 },
        { x: 0, y: 20 },
      ]).toContainEqual({ x: a.store.get(shape.id)?.x, y: a.store.get(shape.id)?.y })
      expectConverged(a, b)
    },
  )

  it('keeps a record one side changed while the other deleted it', () => {
    const { a, b, link } = twoClients()
    const shape = geoShape('kept')
    a.store.put([shape])
    link.hold()

    a.store.remove([shape.id])
    b.store.put([{ ...shape, x: 50 }])
    link.release()

    expect(a.store.get(shape.id)).toMatchObject({ x: 50 })
    expectConverged(a, b)
  })

  it('merges edits made offline when the link comes back', () => {
    const { a, b, link } = twoClients()
    a.store.put([geoShape('shared')])
    link.hold()

    a.store.put([geoShape('fromA', { x: 1 })])
    a.store.update(createShapeId('shared'), (s) => ({ ...s, x: 5 }))
    b.store.put([geoShape('fromB', { y: 2 })])
    b.store.remove([createShapeId('shared')])
    b.store.put([geoShape('fromB2')])
    expect(a.store.get(createShapeId('fromB'))).toBeUndefined()

    link.release()

    expect(a.store.get(createShapeId('fromB'))).toBeDefined()
    expect(b.store.get(createShapeId('fromA'))).toBeDefined()
    expectConverged(a, b)
  })

  it('never echoes a change back, and does not write values the doc already has', () => {
    const { a, b, link } = twoClients()
    const shape = geoShape('quiet')
    const ownUpdatesOfB = countOwnUpdates(b.doc, link)
    const ownUpdatesOfA = countOwnUpdates(a.doc, link)

    a.store.put([shape])
    a.store.update(shape.id, (s) => ({ ...s, x: 3 }))
    expect(ownUpdatesOfA.count).toBe(2)
    expect(ownUpdatesOfB.count).toBe(0)

    a.store.put([{ ...shape, x: 3 }])
    b.store.put([{ ...shape, x: 3 }])
    expect(ownUpdatesOfA.count).toBe(2)
    expect(ownUpdatesOfB.count).toBe(0)
  })

  it('writes the store’s latest value when a remote change lands before the listener runs', () => {
    const { a, b, link } = twoClients()
    const shape = geoShape('race')
    a.store.put([shape])
    link.hold()
    b.store.put([{ ...shape, x: 2 }])

    // In a browser the store's listener runs a frame after the change. Holding a signals
    // transaction open reproduces that: a's own edit is still unsent when b's edit arrives.
    transact(() => {
      a.store.put([{ ...shape, x: 1 }])
      link.deliverFrom(b.doc)
    })
    link.release()

    expect(a.store.get(shape.id)).toMatchObject({ x: 2 })
    expectConverged(a, b)
  })

  it('applies records that other code in the page writes to the doc', () => {
    const { a } = twoClients()
    const shape = geoShape('scripted')

    getRecordStore(a.doc).set(shape.id, shape)

    expect(a.store.get(shape.id)).toEqual(shape)
  })

  it('skips and reports invalid records, and puts the valid ones of the same transaction', () => {
    const { a } = twoClients()
    const peer = new Y.Doc()
    cleanups.push(() => peer.destroy())
    cleanups.push(linkDocs(a.doc, peer).unlink)
    const peerRecords = getRecordStore(peer)
    const invalid = geoShape('invalid', { x: 'far away' as unknown as number })
    const instance = a.store.get('instance:instance' as TLRecord['id']) as TLInstance
    a.store.put([{ ...instance, isGridMode: true }])
    const remoteBatches = vi.fn()
    cleanups.push(a.store.listen(remoteBatches, { source: 'remote', scope: 'document' }))

    peer.transact(() => {
      peerRecords.set(createShapeId('good'), geoShape('good'))
      peerRecords.set(invalid.id, invalid)
      peerRecords.set('widget:1', { id: 'widget:1', typeName: 'widget' } as unknown as TLRecord)
      peerRecords.set(instance.id, { ...instance, isDebugMode: true })
      peerRecords.set(createShapeId('elsewhere'), geoShape('misfiled'))
      peerRecords.set(createShapeId('good2'), geoShape('good2'))
    })

    expect(a.store.get(createShapeId('good'))).toBeDefined()
    expect(a.store.get(createShapeId('good2'))).toBeDefined()
    expect(a.store.get(invalid.id)).toBeUndefined()
    expect(a.store.get(createShapeId('misfiled'))).toBeUndefined()
    expect(a.store.get(instance.id)).toMatchObject({ isDebugMode: false })
    expect(remoteBatches).toHaveBeenCalledTimes(1)
    const reported = a.onInvalidRecord.mock.calls.map(([record]) => record)
    expect(reported).toHaveLength(4)
    expect(reported).toEqual(
      expect.arrayContaining([
        invalid,
        { id: 'widget:1', typeName: 'widget' },
        { ...instance, isDebugMode: true },
        geoShape('misfiled'),
      ]),
    )
    for (const [, error] of a.onInvalidRecord.mock.calls) expect(error).toBeInstanceOf(Error)

    // A crafted delete of this tab's own state is ignored too.
    peer.transact(() => peerRecords.delete(instance.id))
    expect(a.store.get(instance.id)).toMatchObject({ isGridMode: true })
  })

  it('applies the rest of a batch when tldraw refuses one record', () => {
    const { a, b } = twoClients()
    const shape = geoShape('fine')
    const refused = geoShape('refused')
    cleanups.push(
      a.store.sideEffects.registerBeforeCreateHandler('shape', (record) => {
        if (record.id === refused.id) throw new Error('not this one')
        return record
      }),
    )

    b.store.put([shape, refused])

    expect(a.store.get(shape.id)).toEqual(shape)
    expect(a.store.get(refused.id)).toBeUndefined()
    expect(a.onInvalidRecord).toHaveBeenCalledWith(refused, new Error('not this one'))
  })

  it('skips invalid records already in the doc when loading, and leaves them there', () => {
    const doc = boardDoc()
    const junk = geoShape('junk', { props: null as unknown as TLGeoShape['props'] })
    doc.transact(() => getRecordStore(doc).set(junk.id, junk))
    const before = Y.encodeStateAsUpdate(doc)

    const client = bindClient(doc)

    expect(client.store.get(junk.id)).toBeUndefined()
    expect(client.store.get('page:page' as TLRecord['id'])).toBeDefined()
    expect(client.onInvalidRecord).toHaveBeenCalledWith(junk, expect.any(Error))
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  describe('an empty doc', () => {
    it('is seeded with the store’s board records', () => {
      const source = bindClient(boardDoc())
      source.store.put([geoShape('seed')])
      source.unbind()
      const doc = new Y.Doc()
      cleanups.push(() => doc.destroy())

      const client = bindClient(doc, source.store)

      expect(docRecords(doc)).toEqual(boardRecords(source.store))
      expect(docRecords(doc)).toHaveProperty([createShapeId('seed')])
      expect(docRecords(doc)).not.toHaveProperty(['instance:instance'])
      expect(client.store.get(createShapeId('seed'))).toBeDefined()
    })

    it('gets the first records once someone adds them', () => {
      const doc = new Y.Doc()
      cleanups.push(() => doc.destroy())
      const client = bindClient(doc)
      expect(docRecords(doc)).toEqual({})

      client.store.put([
        PageRecordType.create({ id: PAGE_ID, name: 'Page 1', index: 'a1' as IndexKey }),
      ])

      expect(docRecords(doc)).toHaveProperty([PAGE_ID])
    })
  })

  it('drops board records the store had but the doc does not', () => {
    const store = makeStore()
    store.put([geoShape('stray')])
    const doc = boardDoc()
    const updates = countOwnUpdates(doc)

    bindClient(doc, store)

    expect(store.get(createShapeId('stray'))).toBeUndefined()
    expect(updates.count).toBe(0)
  })

  it('stops both directions when unsubscribed, and removes every listener it added', () => {
    const docA = boardDoc()
    const records = docA.getArray(DocRoot.records)
    const observersBefore = records._eH.l.length
    const docB = new Y.Doc()
    cleanups.push(() => docB.destroy())
    cleanups.push(linkDocs(docA, docB).unlink)
    const a = bindClient(docA)
    const b = bindClient(docB)

    a.unbind()
    a.unbind()
    a.store.put([geoShape('local')])
    b.store.put([geoShape('remote')])

    expect(docRecords(docA)).not.toHaveProperty([createShapeId('local')])
    expect(a.store.get(createShapeId('remote'))).toBeUndefined()
    expect(records._eH.l.length).toBe(observersBefore)
  })

  describe('random edits with a flaky link', () => {
    /** mulberry32: a tiny seeded generator, so a failing run can be replayed from its seed. */
    function random(seed: number): () => number {
      let state = seed
      return () => {
        state = (state + 0x6d2b79f5) | 0
        let t = Math.imul(state ^ (state >>> 15), 1 | state)
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
      }
    }

    it.each(Array.from({ length: 25 }, (_, i) => i + 1))('converge (seed %i)', (seed) => {
      const next = random(seed)
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
      const { a, b, link } = twoClients()
      const names = ['n1', 'n2', 'n3', 'n4', 'n5']

      for (let step = 0; step < 80; step++) {
        const client = pick([a, b])
        const id = createShapeId(pick(names))
        const existing = client.store.get(id)
        switch (pick(['put', 'put', 'move', 'remove', 'hold', 'deliver', 'release'] as const)) {
          case 'put':
            client.store.put([geoShape(pick(names), { x: step })])
            break
          case 'move':
            if (existing) client.store.update(id, (s) => ({ ...s, y: step }))
            break
          case 'remove':
            if (existing) client.store.remove([id])
            break
          case 'hold':
            link.hold()
            break
          case 'deliver':
            link.deliverFrom(client.doc)
            break
          case 'release':
            link.release(client.doc)
            break
        }
      }
      link.release()

      expectConverged(a, b)
      expect(a.onInvalidRecord).not.toHaveBeenCalled()
      expect(b.onInvalidRecord).not.toHaveBeenCalled()
    })
  })
})
