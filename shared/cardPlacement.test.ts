import type { TLFrameShape, TLRecord, TLShape, TLShapeId } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { coDesignSessionRecords } from '../server/templates/coDesignSession'
import { mapShapeRecord, TEST_PAGE_ID } from '../tests/helpers/mapRecords'
import {
  areaKeyFor,
  CARD_GAP,
  newCardFor,
  placeNewCard,
  type CardPlacement,
  type NewCard,
} from './cardPlacement'
import { boundsOf, pagePlacements } from './export/shapePlacement'
import type { RectLike } from './routeEndpoints'
import { AREA_CONTENT_TOP, AREA_PADDING, SESSION_AREAS, templateShapeId } from './sessionAreas'

const page = { id: TEST_PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }
const session = () =>
  [page, ...coDesignSessionRecords(TEST_PAGE_ID, { createdAt: 1 })] as TLRecord[]
const note = { w: 240, h: 180 }
const barrier: NewCard = { type: 'purpose-note', purpose: 'barrier' }
const area = (key: string) => SESSION_AREAS.find((a) => a.key === key)!

/** Adds the card where it was placed, and the frame changes, as a client would. */
function add(records: TLRecord[], placement: CardPlacement, name: string): TLRecord[] {
  const changed = records.map((record) => {
    const change = placement.frameChanges.find((c) => c.id === record.id)
    if (!change) return record
    const frame = record as TLFrameShape
    return {
      ...frame,
      y: change.y ?? frame.y,
      props: { ...frame.props, h: change.h ?? frame.props.h },
    }
  })
  const card = mapShapeRecord('purpose-note', name, note, {
    parentId: placement.parentId,
    x: placement.x,
    y: placement.y,
  })
  return [...changed, card]
}

function boundsOfShape(records: TLRecord[], id: TLShapeId): RectLike {
  return boundsOf(pagePlacements(records).get(id)!)
}

function overlap(a: RectLike, b: RectLike): boolean {
  return a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y
}

describe('areaKeyFor', () => {
  it('puts each kind of card in its area of the session', () => {
    expect(areaKeyFor({ type: 'service' })).toBe('map')
    expect(areaKeyFor({ type: 'person' })).toBe('map')
    expect(areaKeyFor({ type: 'action' })).toBe('next')
    expect(areaKeyFor(barrier)).toBe('barriers')
    expect(areaKeyFor({ type: 'purpose-note', purpose: 'what-works' })).toBe('strengths')
    expect(areaKeyFor({ type: 'purpose-note', purpose: 'idea' })).toBe('ideas')
    expect(areaKeyFor({ type: 'purpose-note', purpose: 'question' })).toBe('purpose')
    expect(areaKeyFor({ type: 'purpose-note', purpose: 'question' }, 'map')).toBe('map')
  })
})

describe('placeNewCard in a session', () => {
  it('lays cards out in a grid inside their area, under its prompt, each clear of the last', () => {
    let records = session()
    const ids: TLShapeId[] = []
    for (let n = 0; n < 5; n++) {
      const placement = placeNewCard(records, TEST_PAGE_ID, barrier, note)
      expect(placement.parentId).toBe(templateShapeId('barriers'))
      records = add(records, placement, `barrier-${n}`)
      ids.push(`shape:barrier-${n}` as TLShapeId)
    }
    const [first, second, third] = ids.map((id) => records.find((r) => r.id === id) as TLShape)
    expect(first).toMatchObject({ x: AREA_PADDING, y: AREA_CONTENT_TOP })
    expect(second).toMatchObject({ x: AREA_PADDING + note.w + CARD_GAP, y: AREA_CONTENT_TOP })
    expect(third).toMatchObject({ x: AREA_PADDING, y: AREA_CONTENT_TOP + note.h + CARD_GAP })
    const prompt = boundsOfShape(records, templateShapeId('barriers-prompt'))
    const frame = records.find((r) => r.id === templateShapeId('barriers')) as TLFrameShape
    const inside = { x: frame.x, y: frame.y, w: frame.props.w, h: frame.props.h }
    for (const [i, id] of ids.entries()) {
      const card = boundsOfShape(records, id)
      expect(overlap(card, prompt)).toBe(false)
      expect(card.x + card.w).toBeLessThanOrEqual(inside.x + inside.w)
      expect(card.y + card.h).toBeLessThanOrEqual(inside.y + inside.h)
      for (const other of ids.slice(i + 1)) {
        expect(overlap(card, boundsOfShape(records, other))).toBe(false)
      }
    }
  })

  it('skips a place something already covers', () => {
    const records = [
      ...session(),
      mapShapeRecord('action', 'by-hand', {}, { parentId: templateShapeId('next'), x: 40, y: 200 }),
    ]
    const placement = placeNewCard(records, TEST_PAGE_ID, { type: 'action' }, { w: 300, h: 190 })
    expect(placement).toMatchObject({ parentId: templateShapeId('next'), y: AREA_CONTENT_TOP })
    expect(placement.x).toBeGreaterThanOrEqual(40 + 300)
  })

  it('grows a full area by a row and moves the areas below it down, never the ones beside it', () => {
    let records = session()
    const question: NewCard = { type: 'purpose-note', purpose: 'question' }
    for (let n = 0; n < 2; n++) {
      records = add(records, placeNewCard(records, TEST_PAGE_ID, question, note), `q-${n}`)
    }
    const placement = placeNewCard(records, TEST_PAGE_ID, question, note)
    const growth = AREA_CONTENT_TOP + 2 * note.h + CARD_GAP + AREA_PADDING - area('purpose').h
    expect(placement.frameChanges).toContainEqual({
      id: templateShapeId('purpose'),
      h: area('purpose').h + growth,
    })
    const moved = placement.frameChanges.filter((c) => c.y !== undefined).map((c) => c.id)
    expect(moved.sort()).toEqual(
      ['map', 'barriers', 'strengths', 'ideas', 'next'].map(templateShapeId).sort(),
    )
    for (const key of ['agreement', 'can-change', 'cannot-change']) {
      expect(placement.frameChanges.some((c) => c.id === templateShapeId(key))).toBe(false)
    }
    records = add(records, placement, 'q-2')
    const frames = SESSION_AREAS.map((a) => boundsOfShape(records, templateShapeId(a.key)))
    for (const [i, a] of frames.entries()) {
      for (const b of frames.slice(i + 1)) expect(overlap(a, b)).toBe(false)
    }
  })
})

describe('placeNewCard on a board without areas', () => {
  it('goes where the adder is looking on an empty board', () => {
    expect(
      placeNewCard([page] as TLRecord[], TEST_PAGE_ID, barrier, note, { x: 500, y: 300 }),
    ).toEqual({
      parentId: TEST_PAGE_ID,
      x: 500 - note.w / 2,
      y: 300 - note.h / 2,
      frameChanges: [],
    })
  })

  it('goes beside the card nearest the adder’s view, clear of everything', () => {
    const records = [
      page,
      mapShapeRecord('purpose-note', 'far', note, { x: 5000, y: 5000 }),
      mapShapeRecord('purpose-note', 'near', note, { x: 100, y: 100 }),
      mapShapeRecord('purpose-note', 'right-of-near', note, { x: 100 + note.w + CARD_GAP, y: 100 }),
    ] as TLRecord[]
    const placement = placeNewCard(records, TEST_PAGE_ID, barrier, note, { x: 200, y: 200 })
    expect(placement.parentId).toBe(TEST_PAGE_ID)
    const placed = { x: placement.x, y: placement.y, ...note }
    expect(Math.abs(placed.x - 100) + Math.abs(placed.y - 100)).toBeLessThanOrEqual(
      note.w + note.h + 2 * CARD_GAP,
    )
    for (const id of ['far', 'near', 'right-of-near']) {
      expect(overlap(placed, boundsOfShape(records, `shape:${id}` as TLShapeId))).toBe(false)
    }
  })

  it('goes beside the newest card when there is no view to go by', () => {
    const records = [
      page,
      mapShapeRecord('purpose-note', 'old', note, { x: 0, y: 0, meta: { createdAt: 1 } }),
      mapShapeRecord('purpose-note', 'new', note, { x: 3000, y: 0, meta: { createdAt: 2 } }),
    ] as TLRecord[]
    expect(placeNewCard(records, TEST_PAGE_ID, barrier, note)).toMatchObject({
      x: 3000 + note.w + CARD_GAP,
      y: 0,
    })
  })
})

describe('newCardFor', () => {
  it('keeps a note’s purpose, and gives a note without one the note shape’s default', () => {
    expect(newCardFor('purpose-note', { purpose: 'idea', text: 'Drop-in' })).toEqual({
      type: 'purpose-note',
      purpose: 'idea',
    })
    expect(newCardFor('purpose-note', {})).toEqual({ type: 'purpose-note', purpose: 'barrier' })
  })

  it('is only the type for every other card', () => {
    expect(newCardFor('service', { name: 'Park Road GP' })).toEqual({ type: 'service' })
    expect(newCardFor('action', {})).toEqual({ type: 'action' })
  })
})
