import type {
  TLPageId,
  TLParentId,
  TLRecord,
  TLRichText,
  TLShape,
  TLShapeId,
} from '@tldraw/tlschema'
import type { RectLike } from '../routeEndpoints'
import { wrapText } from '../wrapText'
import { plainTextOf } from './plainTextOf'

/**
 * Font sizes, in pixels, of tldraw's size styles (`s`, `m`, `l`, `xl`): for text shapes, the
 * labels of geo shapes and notes, and the labels of arrows (tldraw 5's `FONT_SIZES`,
 * `LABEL_FONT_SIZES` and `ARROW_LABEL_FONT_SIZES`, at 16px to the rem).
 */
export const TLDRAW_FONT_SIZES = {
  text: { s: 18, m: 24, l: 36, xl: 44 },
  label: { s: 18, m: 22, l: 26, xl: 32 },
  arrow: { s: 18, m: 20, l: 24, xl: 28 },
} as const

/** tldraw's line height, as a share of the font size. */
export const TLDRAW_LINE_HEIGHT = 1.35

/** The space tldraw leaves around the label of a geo shape or a note, in pixels. */
export const TLDRAW_LABEL_PADDING = 16

/** The width and height of a tldraw note at scale 1, before it grows for its text. */
export const TLDRAW_NOTE_SIZE = 200

/**
 * How tall `text` is in tldraw, wrapped to `width` at `fontSize`: an estimate (see
 * {@link wrapText}), the same in every browser and on the server.
 */
export function textHeight(text: string, width: number, fontSize: number): number {
  return wrapText(text, width, fontSize).length * fontSize * TLDRAW_LINE_HEIGHT
}

/**
 * Where a shape is on its page: the corner it turns about (its top left before turning) and its
 * turn, in page space, through every frame and group it sits in; and its size.
 */
export interface Placement extends RectLike {
  readonly pageId: TLPageId
  /** Radians, clockwise, about (x, y), as tldraw turns shapes. */
  readonly rotation: number
}

/**
 * The size of one of tldraw's own shapes, as drawn: a geo shape or a note with the room it grew
 * for its text, a text shape as tall as its wrapped words. Shapes whose size is their path (lines,
 * drawings, arrows) and groups have none of their own.
 */
export function shapeSize(shape: TLShape): { w: number; h: number } {
  const props = shape.props as Record<string, unknown>
  const number = (key: string) => (typeof props[key] === 'number' ? (props[key] as number) : 0)
  const scale = number('scale') || 1
  switch (shape.type) {
    case 'note':
      return {
        w: TLDRAW_NOTE_SIZE * scale,
        h: (TLDRAW_NOTE_SIZE + number('growY')) * scale,
      }
    case 'text': {
      const size = props.size as keyof typeof TLDRAW_FONT_SIZES.text
      const text = plainTextOf(props.richText as TLRichText)
      const w = number('w')
      return { w: w * scale, h: textHeight(text, w, TLDRAW_FONT_SIZES.text[size]) * scale }
    }
    default:
      return { w: number('w') * scale, h: (number('h') + number('growY')) * scale }
  }
}

/**
 * Every shape's {@link Placement}, by id. A shape whose parent is missing (a damaged board) has
 * none, and neither do the shapes inside it.
 */
export function pagePlacements(records: readonly TLRecord[]): Map<TLShapeId, Placement> {
  const shapes = new Map<TLShapeId, TLShape>()
  for (const record of records) if (record.typeName === 'shape') shapes.set(record.id, record)
  const pages = new Set(
    records.flatMap((record) => (record.typeName === 'page' ? [record.id] : [])),
  )
  const placements = new Map<TLShapeId, Placement>()
  const place = (id: TLShapeId, seen: Set<TLParentId>): Placement | undefined => {
    const known = placements.get(id)
    if (known) return known
    const shape = shapes.get(id)
    if (!shape || seen.has(id)) return undefined
    seen.add(id)
    const parent: Omit<Placement, 'w' | 'h'> | undefined = pages.has(shape.parentId as TLPageId)
      ? { pageId: shape.parentId as TLPageId, x: 0, y: 0, rotation: 0 }
      : place(shape.parentId as TLShapeId, seen)
    if (!parent) return undefined
    const cos = Math.cos(parent.rotation)
    const sin = Math.sin(parent.rotation)
    const placement: Placement = {
      pageId: parent.pageId,
      x: parent.x + cos * shape.x - sin * shape.y,
      y: parent.y + sin * shape.x + cos * shape.y,
      rotation: parent.rotation + shape.rotation,
      ...shapeSize(shape),
    }
    placements.set(id, placement)
    return placement
  }
  for (const id of shapes.keys()) place(id, new Set())
  return placements
}

/** The board's pages, in the order tldraw lists them. */
export function pagesInOrder(records: readonly TLRecord[]): TLPageId[] {
  return records
    .flatMap((record) => (record.typeName === 'page' ? [record] : []))
    .sort((a, b) => (a.index < b.index ? -1 : 1))
    .map((page) => page.id)
}

/** The upright rectangle a placed shape covers on its page. */
export function boundsOf(placement: Placement): RectLike {
  const cos = Math.cos(placement.rotation)
  const sin = Math.sin(placement.rotation)
  const corners = [
    [0, 0],
    [placement.w, 0],
    [0, placement.h],
    [placement.w, placement.h],
  ].map(([dx, dy]) => ({
    x: placement.x + cos * dx! - sin * dy!,
    y: placement.y + sin * dx! + cos * dy!,
  }))
  const xs = corners.map((corner) => corner.x)
  const ys = corners.map((corner) => corner.y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }
}

/** The centre of a placed shape, in page space. */
export function centreOf(placement: Placement): { x: number; y: number } {
  const cos = Math.cos(placement.rotation)
  const sin = Math.sin(placement.rotation)
  const dx = placement.w / 2
  const dy = placement.h / 2
  return { x: placement.x + cos * dx - sin * dy, y: placement.y + sin * dx + cos * dy }
}
