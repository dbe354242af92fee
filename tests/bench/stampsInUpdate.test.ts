import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DocRoot } from '../../shared/docLayout'
import { benchParticipant, geoShape } from './benchRecords'
import { stampsInUpdate } from './stampsInUpdate'

const author = benchParticipant(4)

/** The update of one client writing shape `n` with `stamp` (or none), as the bench clients do. */
function writeUpdate(n: number, stamp?: { sentAt: number; seq: number; by: number }): Uint8Array {
  const doc = new Y.Doc()
  let update: Uint8Array = new Uint8Array()
  doc.on('update', (u: Uint8Array) => (update = u))
  const shape = geoShape(n, { x: 1, y: 2, author, ...(stamp && { stamp }) })
  doc.getArray(DocRoot.records).push([{ key: shape.id, val: shape }])
  return update
}

describe('stampsInUpdate', () => {
  it('reads the stamp of a record, whatever kind of number its time is', () => {
    for (const sentAt of [1234.5678901, 16.25, 7]) {
      expect(stampsInUpdate(writeUpdate(1, { sentAt, seq: 3, by: 4 }))).toEqual([
        { sentAt, seq: 3, by: 4 },
      ])
    }
  })

  it('finds every write in an update merged from several clients', () => {
    const merged = Y.mergeUpdates([
      writeUpdate(1, { sentAt: 10.5, seq: 1, by: 1 }),
      writeUpdate(2, { sentAt: 11.5, seq: 1, by: 2 }),
      writeUpdate(3),
    ])
    expect(stampsInUpdate(merged).map((stamp) => stamp.by)).toEqual(expect.arrayContaining([1, 2]))
    expect(stampsInUpdate(merged)).toHaveLength(2)
  })

  it('finds nothing in a record without a stamp, though its author id contains "bench"', () => {
    expect(stampsInUpdate(writeUpdate(5))).toEqual([])
  })

  it('reads a frame that is a view into a larger buffer', () => {
    const update = writeUpdate(1, { sentAt: 2.5, seq: 9, by: 1 })
    const padded = new Uint8Array(update.byteLength + 7)
    padded.set(update, 7)
    expect(stampsInUpdate(padded.subarray(7))).toEqual([{ sentAt: 2.5, seq: 9, by: 1 }])
  })
})
