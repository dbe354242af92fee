import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DocRoot, getRecordStore } from '../../shared/docLayout'
import { RecordMirror, type RecordChange } from './RecordMirror'

/** A server doc with a mirror that collects the changes of every transaction. */
function serverDoc() {
  const doc = new Y.Doc()
  const mirror = new RecordMirror(doc.getArray(DocRoot.records))
  const changes: RecordChange[][] = []
  doc.on('afterTransaction', (tr: Y.Transaction) => changes.push(mirror.apply(tr)))
  return { doc, mirror, changes }
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
    client.on('update', (u: Uint8Array) => Y.applyUpdate(server.doc, u, 'client'))

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
      for (const n of order) Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(peers[n]!))
      expect(mirrorView(server.mirror)).toEqual(freshView(server.doc))
      // A client's clean-up of the losing duplicate changes nothing anyone sees.
      const cleaner = new Y.Doc()
      Y.applyUpdate(cleaner, Y.encodeStateAsUpdate(server.doc))
      const before = server.changes.length
      cleaner.on('update', (u: Uint8Array) => Y.applyUpdate(server.doc, u))
      getRecordStore(cleaner)
      expect(server.changes.slice(before).flat()).toEqual([])
      expect(mirrorView(server.mirror)).toEqual(freshView(server.doc))
    }
  })

  it('finds a record’s position for replacing it', () => {
    const server = serverDoc()
    const store = getRecordStore(server.doc)
    store.set('shape:a', rec('shape:a', 1))
    store.set('shape:b', rec('shape:b', 1))
    store.set('shape:a', rec('shape:a', 2))
    expect(server.mirror.indexOf('shape:b')).toBe(0)
    expect(server.mirror.indexOf('shape:a')).toBe(1)
    expect(server.mirror.indexOf('shape:none')).toBe(-1)
  })
})
