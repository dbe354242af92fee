import { toRichText, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { shapeRecord, TEST_PAGE_ID } from '../../tests/helpers/mapRecords'
import { boundsOf, centreOf, pagePlacements, shapeSize, textHeight } from './shapePlacement'

const page = {
  id: TEST_PAGE_ID,
  typeName: 'page',
  name: 'Page 1',
  index: 'a1',
  meta: {},
} as TLRecord
const frame = shapeRecord(
  'frame',
  'area',
  { w: 800, h: 600, name: 'The map', color: 'black' },
  {
    x: 1000,
    y: 500,
  },
)
const geo = (changes: Partial<TLShape> = {}) =>
  shapeRecord('geo', 'card', { geo: 'rectangle', w: 300, h: 190, growY: 40, scale: 1 } as never, {
    parentId: frame.id,
    x: 100,
    y: 50,
    ...changes,
  })

describe('shapeSize', () => {
  it('counts the room a shape grew for its words, at its scale', () => {
    expect(shapeSize(geo())).toEqual({ w: 300, h: 230 })
    const note = shapeRecord('note', 'note', { growY: 20, scale: 1.2 } as never)
    expect(shapeSize(note)).toEqual({ w: 240, h: 264 })
  })

  it('makes a text shape as tall as its wrapped lines', () => {
    const text = shapeRecord('text', 'prompt', {
      w: 100,
      size: 's',
      scale: 1,
      richText: toRichText('What can we change here and now?'),
    } as never)
    expect(shapeSize(text)).toEqual({
      w: 100,
      h: textHeight('What can we change here and now?', 100, 18),
    })
    expect(textHeight('What can we change here and now?', 100, 18)).toBeCloseTo(4 * 18 * 1.35)
  })
})

describe('pagePlacements', () => {
  it('places a shape on its page through the frame it is in', () => {
    const placements = pagePlacements([page, frame, geo()])
    expect(placements.get(geo().id)).toEqual({
      pageId: TEST_PAGE_ID,
      x: 1100,
      y: 550,
      w: 300,
      h: 230,
      rotation: 0,
    })
  })

  it('turns a shape with a turned frame', () => {
    const turned = { ...frame, rotation: Math.PI / 2 }
    const placed = pagePlacements([page, turned, geo()]).get(geo().id)!
    expect(placed.x).toBeCloseTo(1000 - 50)
    expect(placed.y).toBeCloseTo(500 + 100)
    expect(placed.rotation).toBeCloseTo(Math.PI / 2)
    expect(boundsOf(placed)).toMatchObject({ w: expect.closeTo(230), h: expect.closeTo(300) })
    expect(centreOf(placed).x).toBeCloseTo(950 - 115)
  })

  it('places nothing whose parent is missing', () => {
    expect(pagePlacements([page, geo()]).size).toBe(0)
  })
})
