import { GeoShapeUtil, type TLGeoShape } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { shapeRecord } from '../tests/helpers/mapRecords'
import { noteRecord } from '../tests/helpers/records'
import { migrateBoardRecords, validateBoardRecord, whyUnreadable } from './boardRecords'
import { commonmapSchema } from './schema'

const ours = commonmapSchema.serialize()

function withSequence(sequence: string, version: number) {
  return { ...ours, sequences: { ...ours.sequences, [sequence]: version } }
}

describe('board records', () => {
  it('validates a record under its own key, of a type a board holds', () => {
    const note = noteRecord('shape:n', 'Long wait')
    expect(validateBoardRecord(commonmapSchema, 'shape:n', note)).toEqual(note)
    expect(() => validateBoardRecord(commonmapSchema, 'shape:other', note)).toThrow(/stored under/)
    expect(() =>
      validateBoardRecord(commonmapSchema, 'shape:n', { ...(note as object), props: null }),
    ).toThrow()
    expect(() =>
      validateBoardRecord(commonmapSchema, 'camera:page:page', {
        id: 'camera:page:page',
        typeName: 'camera',
      }),
    ).toThrow(/browser tab/)
    expect(() => validateBoardRecord(commonmapSchema, 'x:1', { id: 'x:1', typeName: 'x' })).toThrow(
      /Unknown record type/,
    )
  })

  it('says why a board from a newer version cannot be read', () => {
    expect(whyUnreadable(commonmapSchema, ours)).toBeNull()
    expect(whyUnreadable(commonmapSchema, withSequence('com.tldraw.shape.geo', 99))).toMatch(
      /version 99/,
    )
    expect(whyUnreadable(commonmapSchema, withSequence('com.example.card', 1))).toMatch(/unknown/)
    expect(whyUnreadable(commonmapSchema, { schemaVersion: 3, sequences: {} })).toMatch(
      /cannot be read/,
    )
  })

  it('migrates an older board’s records, and drops only the ones it cannot keep', () => {
    const geo = shapeRecord<TLGeoShape>('geo', 'old', GeoShapeUtil.prototype.getDefaultProps())
    const { richText: _richText, flipX: _flipX, flipY: _flipY, ...props } = geo.props
    const old = { ...geo, props: { ...props, text: 'Hello' } }
    const broken = { ...(noteRecord('shape:broken', 'x') as object), props: null }
    const { records, dropped } = migrateBoardRecords(
      commonmapSchema,
      withSequence('com.tldraw.shape.geo', 9),
      [
        [old.id, old],
        ['shape:broken', broken],
      ],
    )
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ id: old.id, props: { flipX: false, flipY: false } })
    expect((records[0] as typeof geo).props.richText).toMatchObject({ type: 'doc' })
    expect(dropped).toEqual(['shape:broken'])
  })

  it('refuses to migrate a board saved by a newer version', () => {
    expect(() =>
      migrateBoardRecords(commonmapSchema, withSequence('com.tldraw.shape.geo', 99), []),
    ).toThrow(/newer version/)
  })
})
