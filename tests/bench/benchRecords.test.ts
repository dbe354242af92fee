import { InstancePresenceRecordType } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { participantValidator } from '../../shared/participant'
import { commonmapSchema } from '../../shared/schema'
import { benchParticipant, geoShape, movedPresence, presenceOf, stampOf } from './benchRecords'

describe('bench records', () => {
  const author = benchParticipant(3)

  it('are valid participants, shapes and presences of the app schema', () => {
    expect(() => participantValidator.validate(author)).not.toThrow()
    for (const n of [0, 61, 62, 9_999]) {
      const shape = geoShape(n, { x: n, y: 0, author, stamp: { sentAt: 1.5, seq: n, by: 3 } })
      expect(() => commonmapSchema.types.shape.validate(shape)).not.toThrow()
    }
    const presence = movedPresence(presenceOf(author, 42), 10, 20, { sentAt: 1.5, seq: 1, by: 3 })
    expect(() => InstancePresenceRecordType.validate(presence)).not.toThrow()
  })

  it('stack shapes in the order they were numbered', () => {
    const indices = [0, 1, 61, 62, 3_843, 3_844, 9_999].map(
      (n) => geoShape(n, { x: 0, y: 0, author }).index,
    )
    expect([...indices].sort()).toEqual(indices)
    expect(new Set(indices).size).toBe(indices.length)
  })

  it('carry the stamp a receiver reads back', () => {
    const stamp = { sentAt: 12.25, seq: 7, by: 3 }
    expect(stampOf(geoShape(1, { x: 0, y: 0, author, stamp }))).toEqual(stamp)
    expect(stampOf(geoShape(1, { x: 0, y: 0, author }))).toBeUndefined()
  })
})
