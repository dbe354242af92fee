import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { getRecordStore } from '../../../shared/docLayout'
import { DEFAULT_MAX_MESSAGE_BYTES, MAX_CHANGE_BYTES } from '../../../shared/limits'
import { splitUpdate } from './splitUpdate'

/** A board both sides hold, and a copy that then changed a lot while offline. */
function offlineCopy() {
  const server = new Y.Doc()
  const records = getRecordStore(server)
  for (let i = 0; i < 200; i++) records.set(`shape:s${i}`, { id: `shape:s${i}`, x: i } as never)
  const device = new Y.Doc()
  Y.applyUpdate(device, Y.encodeStateAsUpdate(server))
  const offline = getRecordStore(device)
  for (let i = 0; i < 3000; i++) {
    offline.set(`shape:o${i}`, { id: `shape:o${i}`, words: `Offline card ${i}` } as never)
  }
  for (let i = 0; i < 200; i += 2) offline.delete(`shape:s${i}`)
  for (let i = 0; i < 500; i++) offline.set(`shape:o${i}`, { id: `shape:o${i}`, moved: i } as never)
  return { server, device }
}

describe('splitUpdate', () => {
  it('cuts a long time offline into pieces the server takes, which together make the same board', () => {
    const { server, device } = offlineCopy()
    const answer = Y.encodeStateAsUpdate(device, Y.encodeStateVector(server))
    expect(answer.byteLength).toBeGreaterThan(DEFAULT_MAX_MESSAGE_BYTES)

    const pieces = splitUpdate(answer, MAX_CHANGE_BYTES)
    expect(pieces.length).toBeGreaterThan(3)
    for (const piece of pieces) expect(piece.byteLength).toBeLessThan(DEFAULT_MAX_MESSAGE_BYTES / 2)
    for (const piece of pieces) Y.applyUpdate(server, piece)

    expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(device))
    expect(getRecordStore(server).map.size).toBe(getRecordStore(device).map.size)
    expect(getRecordStore(server).get('shape:o10')).toEqual({ id: 'shape:o10', moved: 10 })
    expect(getRecordStore(server).has('shape:s0')).toBe(false)
    expect(getRecordStore(server).has('shape:s1')).toBe(true)
    // Nothing left waiting for a missing piece.
    expect(server.store.pendingStructs).toBeNull()
    expect(server.store.pendingDs).toBeNull()
  })

  it('leaves a small update as one piece and deletions', () => {
    const doc = new Y.Doc()
    getRecordStore(doc).set('shape:a', { id: 'shape:a' } as never)
    const pieces = splitUpdate(Y.encodeStateAsUpdate(doc), MAX_CHANGE_BYTES)
    const copy = new Y.Doc()
    for (const piece of pieces) Y.applyUpdate(copy, piece)
    expect(getRecordStore(copy).get('shape:a')).toEqual({ id: 'shape:a' })
  })
})
