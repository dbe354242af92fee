import type { IndexKey } from '@tldraw/utils'
import { createShapeId, PageRecordType, toRichText, type TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { commonmapSchema } from '../schema'
import { readTldrFile, serializeTldrFile } from './tldrFile'

const page = PageRecordType.create({
  id: PageRecordType.createId('page'),
  name: 'Page 1',
  index: 'a1' as never,
})
const geo = {
  id: createShapeId('box'),
  typeName: 'shape',
  type: 'geo',
  parentId: page.id,
  index: 'a1' as IndexKey,
  x: 10,
  y: 20,
  rotation: 0,
  isLocked: false,
  opacity: 1,
  meta: { createdBy: 'p_0123456789012345678901' },
  props: {
    geo: 'rectangle',
    dash: 'draw',
    url: '',
    w: 200,
    h: 120,
    growY: 0,
    scale: 1,
    flipX: false,
    flipY: false,
    labelColor: 'black',
    color: 'blue',
    fill: 'semi',
    size: 'm',
    font: 'draw',
    align: 'middle',
    verticalAlign: 'middle',
    richText: toRichText('Ask at the front desk'),
  },
} as TLRecord

describe('.tldr files', () => {
  it('round-trips a board', () => {
    const json = serializeTldrFile([page, geo], commonmapSchema.serialize())
    expect(readTldrFile(json, commonmapSchema)).toEqual({ ok: true, records: [page, geo] })
  })

  it('drops per-tab records, which never belong to a shared board', () => {
    const camera = { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }
    const json = JSON.stringify({
      tldrawFileFormatVersion: 1,
      schema: commonmapSchema.serialize(),
      records: [page, camera],
    })
    expect(readTldrFile(json, commonmapSchema)).toEqual({ ok: true, records: [page] })
  })

  it.each([
    ['not JSON', '{oops'],
    ['JSON that is not a board', '{"hello":"world"}'],
    [
      'a board from a newer file format',
      JSON.stringify({ tldrawFileFormatVersion: 99, schema: {}, records: [] }),
    ],
  ])('refuses %s with a plain message', (_, json) => {
    const result = readTldrFile(json, commonmapSchema)
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/board/) })
  })

  it('refuses the whole file when one record is damaged or of an unknown kind', () => {
    const damaged = { ...geo, props: { ...(geo as { props: object }).props, w: 'wide' } }
    const schema = commonmapSchema.serialize()
    expect(
      readTldrFile(serializeTldrFile([page, damaged as TLRecord], schema), commonmapSchema),
    ).toEqual({
      ok: false,
      error: 'Part of this board is damaged, so nothing was imported.',
    })
    const alien = JSON.stringify({
      tldrawFileFormatVersion: 1,
      schema,
      records: [page, { id: 'x:1', typeName: 'spaceship' }],
    })
    expect(readTldrFile(alien, commonmapSchema)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/spaceship/),
    })
  })

  it('refuses a board saved with a newer schema', () => {
    const newer = { ...commonmapSchema.serialize() }
    const sequences = { ...(newer as { sequences: Record<string, number> }).sequences }
    sequences['com.tldraw.shape.geo'] = 999
    const json = JSON.stringify({
      tldrawFileFormatVersion: 1,
      schema: { ...newer, sequences },
      records: [page],
    })
    expect(readTldrFile(json, commonmapSchema)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/newer version/),
    })
  })
})

describe('a board file nested too deep', () => {
  it('is refused before it is parsed', () => {
    const deep = `{"tldrawFileFormatVersion":1,"schema":{},"records":${'['.repeat(5_000_000)}`
    const started = performance.now()
    expect(readTldrFile(deep, commonmapSchema)).toEqual({
      ok: false,
      error: 'This file is not a Commonmap or tldraw board.',
    })
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
