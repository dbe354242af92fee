import {
  AssetRecordType,
  DocumentRecordType,
  TLDOCUMENT_ID,
  type TLAssetId,
  type TLRecord,
} from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { EmbeddedBoardInfo } from '../../shared/export/boardExport'
import { mapShapeRecord, routeBindingRecord, TEST_PAGE_ID } from '../../tests/helpers/mapRecords'
import { firstPage } from '../initialBoardState'
import { prepareImportedBoard, UNTITLED_IMPORT, withStoredPictures } from './prepareImportedBoard'

const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
const gp = mapShapeRecord('service', 'gp', { name: 'Park Road GP' })
const dad = mapShapeRecord('person', 'dad', { situation: 'Single dad' })
const info: EmbeddedBoardInfo = {
  format: 'commonmap-board',
  version: 1,
  title: 'Housing in Leeds',
  exportedAt: 5000,
  licence: 'cc-by-4.0',
  attribution: { [gp.id]: { name: 'Sam', role: 'Lived experience', addedAt: 100 } },
}
const document = DocumentRecordType.create({
  id: TLDOCUMENT_ID,
  meta: { commonmap: info as never, kept: 'yes' },
})
const options = { fallbackTitle: 'housing-board', now: 9000, maxPictureBytes: 1024 }
const picture = (src: string) =>
  AssetRecordType.create({
    id: 'asset:photo' as TLAssetId,
    type: 'image',
    props: { name: 'photo.png', src, w: 1, h: 1, mimeType: 'image/png', isAnimated: false },
  })

describe('making a board file into a new board', () => {
  it('keeps the records, takes the title, and says where each shape came from', () => {
    const prepared = prepareImportedBoard([document, firstPage(), gp, dad], info, options)
    expect(prepared.ok && prepared.value.title).toBe('Housing in Leeds')
    expect(prepared.ok && prepared.value.records).toEqual([
      { ...document, meta: { kept: 'yes' } },
      firstPage(),
      gp,
      dad,
    ])
    expect(prepared.ok && Object.fromEntries(prepared.value.imported)).toEqual({
      [gp.id]: {
        from: 'Housing in Leeds',
        exportedAt: 5000,
        importedAt: 9000,
        author: { name: 'Sam', role: 'Lived experience', addedAt: 100 },
      },
      // Its author chose not to be named on the old board: still marked as imported.
      [dad.id]: { from: 'Housing in Leeds', exportedAt: 5000, importedAt: 9000, author: null },
    })
  })

  it('gives a file from tldraw itself a document, a page and the fallback title', () => {
    const prepared = prepareImportedBoard([gp], undefined, options)
    expect(prepared.ok && prepared.value.title).toBe('housing-board')
    expect(prepared.ok && prepared.value.records.map((r) => r.id)).toEqual([
      TLDOCUMENT_ID,
      TEST_PAGE_ID,
      gp.id,
    ])
    expect(prepared.ok && prepared.value.imported.get(gp.id)).toEqual({
      from: null,
      exportedAt: null,
      importedAt: 9000,
      author: null,
    })
    const untitled = prepareImportedBoard([gp], undefined, { ...options, fallbackTitle: undefined })
    expect(untitled.ok && untitled.value.title).toBe(UNTITLED_IMPORT)
  })

  it("leaves out the old board's user records: they name its people, not this board's", () => {
    const user = { id: 'user:p_old', typeName: 'user', name: 'Sam', meta: {} } as never
    const prepared = prepareImportedBoard([firstPage(), gp, user], info, options)
    expect(prepared.ok && prepared.value.records.map((r) => r.id)).not.toContain('user:p_old')
  })

  const route = mapShapeRecord('route', 'r')
  it.each([
    ['a shape whose page is missing', [firstPage(), { ...gp, parentId: 'page:gone' } as TLRecord]],
    [
      'a route bound to a card that is missing',
      [firstPage(), route, routeBindingRecord(route.id, gp.id, 'start')],
    ],
  ])('refuses %s as damaged', (_, records) => {
    expect(prepareImportedBoard(records, info, options)).toEqual({
      ok: false,
      error: 'Part of this board is damaged, so nothing was imported.',
    })
  })

  it('takes pictures out of the document to be stored, and puts back where they are', () => {
    const photo = picture(`data:image/png;base64,${PNG_BASE64}`)
    const prepared = prepareImportedBoard([firstPage(), photo], undefined, options)
    if (!prepared.ok) throw new Error(prepared.error)
    const [carried] = prepared.value.pictures
    expect(carried).toMatchObject({ assetId: photo.id, prop: 'src', type: 'image/png' })
    const records = withStoredPictures(prepared.value, new Map([[carried!, '/api/x/assets/y.png']]))
    expect(records.find((r) => r.id === photo.id)).toEqual({
      ...photo,
      props: { ...photo.props, src: '/api/x/assets/y.png' },
    })
  })

  it.each([
    ['an SVG picture, which can carry scripts', 'data:image/svg+xml;base64,PHN2Zy8+', /only PNG/],
    ['a picture that is not base64', 'data:image/png,abc', /only PNG/],
  ])('refuses %s', (_, src, message) => {
    const prepared = prepareImportedBoard([firstPage(), picture(src)], undefined, options)
    expect(!prepared.ok && prepared.error).toMatch(message)
  })

  it('refuses a picture larger than a board may hold', () => {
    const big = Buffer.concat([Buffer.from(PNG_BASE64, 'base64'), Buffer.alloc(2048)])
    const src = `data:image/png;base64,${big.toString('base64')}`
    const prepared = prepareImportedBoard([firstPage(), picture(src)], undefined, options)
    expect(!prepared.ok && prepared.error).toMatch(/too big/)
  })
})
