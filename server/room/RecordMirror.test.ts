import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DocRoot, getRecordStore } from '../../shared/docLayout'
import { RecordMirror, type RecordChange } from './RecordMirror'

/**
 * A server doc with a mirror that reads every update it is given inside the transaction that
 * applies it, as the room does, and collects the changes and the updates that come out.
 */
function serverDoc() {
  const doc = new Y.Doc()
  const mirror = new RecordMirror(doc.getArray(DocRoot.records))
  const changes: RecordChange[][] = []
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const receive = (update: Uint8Array, vet?: (tr: Y.Transaction, change: RecordChange) => void) =>
    Y.transact(doc, (tr) => {
      Y.applyUpdate(doc, update)
      const taken = mirror.takeChanges(tr)
      changes.push([...taken.changes])
      for (const change of taken.changes) vet?.(tr, change)
      return taken
    })
  return { doc, mirror, changes, updates, receive }
}

const rec = (id: string, x: number) => ({ id, typeName: 'shape', x }) as never

/** What a client loading the doc afresh sees: y-utility's own reading of the array. */
function freshView(doc: Y.Doc): Record<string, unknown> {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return Object.fromEntries([...getRecordStore(copy).map].map(([k, v]) => [k, v.val]))
}

function mirrorView(mirror: RecordMirror): Record<string, unknown> {
  return Object.fromEntries([...mirror.ids()].map((id) => [id, mirror.get(id)]))
}

describe('RecordMirror', () => {
  it('reports each record’s value before and after a client’s transaction', () => {
    const server = serverDoc()
    const client = new Y.Doc()
    const store = getRecordStore(client)
    client.on('update', (u: Uint8Array) => server.receive(u))

    store.set('shape:a', rec('shape:a', 1))
    store.set('shape:a', rec('shape:a', 2))
    client.transact(() => {
      store.set('shape:b', rec('shape:b', 1))
      store.delete('shape:a')
    })
    expect(server.changes).toEqual([
      [{ id: 'shape:a', before: undefined, after: rec('shape:a', 1) }],
      [{ id: 'shape:a', before: rec('shape:a', 1), after: rec('shape:a', 2) }],
      [
        { id: 'shape:a', before: rec('shape:a', 2), after: undefined },
        { id: 'shape:b', before: undefined, after: rec('shape:b', 1) },
      ],
    ])
    expect(mirrorView(server.mirror)).toEqual(freshView(server.doc))
  })

  it('agrees with a fresh reading after concurrent writes to one record, in any order', () => {
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      const server = serverDoc()
      const base = new Y.Doc()
      getRecordStore(base).set('shape:a', rec('shape:a', 0))
      Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(base))
      const peers = [0, 1].map((n) => {
        const doc = new Y.Doc()
        doc.clientID = 100 + n
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
        // Offline: each writes its own value without seeing the other's.
        const store = getRecordStore(doc)
        store.set('shape:a', rec('shape:a', 10 + n))
        store.set(`shape:only${n}`, rec(`shape:only${n}`, n))
        return doc
      })
      for (const n of order) server.receive(Y.encodeStateAsUpdate(peers[n]!))
      expect(mirrorView(server.mirror)).toEqual(freshView(server.doc))
      // A client's clean-up of the losing duplicate changes nothing anyone sees.
      const cleaner = new Y.Doc()
      Y.applyUpdate(cleaner, Y.encodeStateAsUpdate(server.doc))
      const before = server.changes.length
      cleaner.on('update', (u: Uint8Array) => server.receive(u))
      getRecordStore(cleaner)
      expect(server.changes.slice(before).flat()).toEqual([])
      expect(mirrorView(server.mirror)).toEqual(freshView(server.doc))
    }
  })

  it('deletes whatever an update adds outside the records, before it is encoded', () => {
    const server = serverDoc()
    const client = new Y.Doc()
    client.transact(() => {
      getRecordStore(client).set('shape:a', rec('shape:a', 1))
      client.getMap('participants').set('p_x', { name: 'Forged private name' })
      client.getArray(DocRoot.records).push([42, 'not an entry'])
    })
    const taken = server.receive(Y.encodeStateAsUpdate(client))
    expect(taken.foreign).toBe(3)
    expect(taken.changes).toEqual([{ id: 'shape:a', before: undefined, after: rec('shape:a', 1) }])
    const out = new TextDecoder().decode(server.updates.at(-1))
    expect(out).not.toContain('Forged private name')
    expect(out).not.toContain('not an entry')
    expect(mirrorView(server.mirror)).toEqual(freshView(server.doc))
    expect(server.doc.getMap('participants').size).toBe(0)
  })

  it('undoes a refused change in the same transaction, so its value is never encoded', () => {
    const server = serverDoc()
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server.doc))
    const store = getRecordStore(client)
    store.set('shape:a', rec('shape:a', 1))
    server.receive(Y.encodeStateAsUpdate(client))
    const before = Y.encodeStateVector(client)
    client.transact(() => {
      store.set('shape:a', { ...(rec('shape:a', 2) as object), secret: 'refused value' } as never)
      store.set('shape:b', { ...(rec('shape:b', 1) as object), secret: 'refused too' } as never)
      store.set('shape:c', rec('shape:c', 1))
    })
    server.receive(Y.encodeStateAsUpdate(client, before), (tr, change) => {
      if (change.id !== 'shape:c') server.mirror.refuse(tr, change.id)
    })
    const out = new TextDecoder().decode(server.updates.at(-1))
    expect(out).not.toContain('refused')
    expect(mirrorView(server.mirror)).toEqual({
      'shape:a': rec('shape:a', 1),
      'shape:c': rec('shape:c', 1),
    })
    expect(freshView(server.doc)).toEqual(mirrorView(server.mirror))
    // The sender, given the server's update, ends with what the server has.
    Y.applyUpdate(client, server.updates.at(-1)!)
    expect(Object.fromEntries([...store.map].map(([k, v]) => [k, v.val]))).toEqual(
      mirrorView(server.mirror),
    )
  })

  it('puts and removes records as the server, in a transaction of its own', () => {
    const server = serverDoc()
    Y.transact(server.doc, (tr) => {
      server.mirror.put(tr, 'shape:a', rec('shape:a', 1))
      server.mirror.put(tr, 'shape:b', rec('shape:b', 1))
    })
    Y.transact(server.doc, (tr) => {
      server.mirror.put(tr, 'shape:a', rec('shape:a', 2))
      server.mirror.remove(tr, 'shape:b')
    })
    expect(mirrorView(server.mirror)).toEqual({ 'shape:a': rec('shape:a', 2) })
    expect(freshView(server.doc)).toEqual(mirrorView(server.mirror))
  })
})
