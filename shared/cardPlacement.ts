import type {
  TLFrameShape,
  TLPageId,
  TLParentId,
  TLRecord,
  TLShape,
  TLShapeId,
} from '@tldraw/tlschema'
import { boundsOf, pagePlacements } from './export/shapePlacement'
import type { Point, RectLike } from './routeEndpoints'
import { AREA_CONTENT_TOP, AREA_PADDING, SESSION_AREAS, templateShapeId } from './sessionAreas'
import { defaultPurposeNoteShapeProps, type NotePurpose } from './shapes/purposeNoteShape'

/** A card someone adds from a form: what it is decides which area of the session it goes in. */
export type NewCard =
  | { readonly type: 'service' | 'person' | 'action' }
  | { readonly type: 'purpose-note'; readonly purpose: NotePurpose }

/**
 * The card a form adds, from its shape type and the props it is given: a note given no purpose
 * has the note shape's default one.
 */
export function newCardFor<Type extends NewCard['type']>(
  type: Type,
  props: Partial<TLShape<Type>['props']>,
): NewCard {
  if (type !== 'purpose-note') return { type: type as Exclude<Type, 'purpose-note'> }
  const { purpose } = props as Partial<TLShape<'purpose-note'>['props']>
  return { type: 'purpose-note', purpose: purpose ?? defaultPurposeNoteShapeProps().purpose }
}

/** Where a new card goes, and the room made for it. */
export interface CardPlacement {
  /** Its area's frame, or the page when the board has no area for it. */
  readonly parentId: TLParentId
  /** In the parent's space. */
  readonly x: number
  readonly y: number
  /**
   * Frames to change first, when its area was full: the area grows by a row, and the areas
   * below it move down so that nothing overlaps. Empty when there was room.
   */
  readonly frameChanges: readonly FrameChange[]
}

/** A frame's new place or size (only what changes). */
export interface FrameChange {
  readonly id: TLShapeId
  readonly y?: number
  readonly h?: number
}

/** Space between cards in an area's grid, and between a card and the cards it is put beside. */
export const CARD_GAP = 24

/** How many rows past a full area the grid looks before growing it by one. */
const MAX_ROWS = 200

/**
 * The key of the session area a card belongs in (shared/sessionAreas.ts): a barrier, what works
 * and an idea in their own areas, a service or "someone like me" on the map, an action in what
 * happens next. A question belongs wherever the group is talking: the area it is working on,
 * `currentArea` (the first area, until the session has stages).
 */
export function areaKeyFor(card: NewCard, currentArea: string = SESSION_AREAS[0]!.key): string {
  switch (card.type) {
    case 'service':
    case 'person':
      return 'map'
    case 'action':
      return 'next'
    case 'purpose-note':
      return NOTE_AREAS[card.purpose] ?? currentArea
  }
}

const NOTE_AREAS: Record<NotePurpose, string | undefined> = {
  barrier: 'barriers',
  'what-works': 'strengths',
  idea: 'ideas',
  question: undefined,
}

/**
 * Where a card of `size` added from a form goes on `pageId` (`records` are the board's: at
 * least that page and its shapes). In its area (see {@link areaKeyFor}), in a tidy grid under
 * the area's prompt, in the first cell that covers nothing, reading left to right and top to
 * bottom; when the area is full it grows by a row (see {@link CardPlacement.frameChanges}). On
 * a board without that area, beside the card nearest `near` (the middle of the adder's view;
 * the newest card when there is no view), on the same grid as that card; on an empty page, at
 * `near`. The result never depends on who computes it, so every client places alike.
 */
export function placeNewCard(
  records: readonly TLRecord[],
  pageId: TLPageId,
  card: NewCard,
  size: { readonly w: number; readonly h: number },
  near?: Point,
): CardPlacement {
  const shapes = records.filter((record): record is TLShape => record.typeName === 'shape')
  const placements = pagePlacements(records)
  const frameId = templateShapeId(areaKeyFor(card))
  const frame = shapes.find(
    (shape): shape is TLFrameShape =>
      shape.id === frameId && shape.type === 'frame' && shape.parentId === pageId,
  )
  const boundsOnPage = (shape: TLShape) => {
    const placement = placements.get(shape.id)
    return placement && placement.pageId === pageId ? [boundsOf(placement)] : []
  }
  if (frame) {
    // What the area holds, and anything loose on the page that lies over it. Other areas (and
    // what they hold) are not in the way: when this one grows, they move down.
    const area = { x: frame.x, y: frame.y, w: frame.props.w, h: frame.props.h }
    const inArea = descendantsOf(frame.id, shapes)
    const obstacles = shapes.flatMap((shape) =>
      inArea.has(shape.id)
        ? boundsOnPage(shape)
        : shape.parentId === pageId && shape.type !== 'frame'
          ? boundsOnPage(shape).filter((bounds) => overlaps(bounds, area, 0))
          : [],
    )
    return placeInArea(frame, shapes, obstacles, size)
  }
  return placeBeside(shapes, placements, pageId, shapes.flatMap(boundsOnPage), size, near)
}

/** The shapes inside `parentId`, at any depth. */
function descendantsOf(parentId: TLShapeId, shapes: readonly TLShape[]): Set<TLShapeId> {
  const found = new Set<TLShapeId>()
  let grew = true
  while (grew) {
    grew = false
    for (const shape of shapes) {
      if (found.has(shape.id)) continue
      if (shape.parentId === parentId || found.has(shape.parentId as TLShapeId)) {
        found.add(shape.id)
        grew = true
      }
    }
  }
  return found
}

function placeInArea(
  frame: TLFrameShape,
  shapes: readonly TLShape[],
  obstacles: readonly RectLike[],
  size: { readonly w: number; readonly h: number },
): CardPlacement {
  const { w, h } = frame.props
  const columns = Math.max(1, Math.floor((w - 2 * AREA_PADDING + CARD_GAP) / (size.w + CARD_GAP)))
  const taken = (x: number, y: number) =>
    obstacles.some((o) =>
      overlaps({ x: frame.x + x, y: frame.y + y, w: size.w, h: size.h }, o, CARD_GAP / 2),
    )
  for (let row = 0; row < MAX_ROWS; row++) {
    const y = AREA_CONTENT_TOP + row * (size.h + CARD_GAP)
    for (let column = 0; column < columns; column++) {
      const x = AREA_PADDING + column * (size.w + CARD_GAP)
      if (taken(x, y)) continue
      const bottom = y + size.h + AREA_PADDING
      return {
        parentId: frame.id,
        x,
        y,
        frameChanges: bottom > h ? makeRoom(frame, bottom - h, shapes) : [],
      }
    }
  }
  // An area whose every row is covered by something as wide as itself: over the prompt's row
  // would hide the prompt, so the card goes under everything instead.
  const y = Math.max(h, ...obstacles.map((o) => o.y + o.h - frame.y)) + CARD_GAP
  return {
    parentId: frame.id,
    x: AREA_PADDING,
    y,
    frameChanges: makeRoom(frame, y + size.h + AREA_PADDING - h, shapes),
  }
}

/**
 * Grows `frame` by `growth` and moves every frame on its page that sits below it (or below a
 * frame moved for it) down by as much, so the areas keep their order and never overlap.
 */
function makeRoom(frame: TLFrameShape, growth: number, shapes: readonly TLShape[]): FrameChange[] {
  const changes: FrameChange[] = [{ id: frame.id, h: frame.props.h + growth }]
  const pushed: RectLike[] = [{ x: frame.x, y: frame.y, w: frame.props.w, h: frame.props.h }]
  const below = shapes
    .filter(
      (shape): shape is TLFrameShape =>
        shape.type === 'frame' && shape.parentId === frame.parentId && shape.id !== frame.id,
    )
    .sort((a, b) => a.y - b.y || (a.id < b.id ? -1 : 1))
  for (const other of below) {
    const rect = { x: other.x, y: other.y, w: other.props.w, h: other.props.h }
    const isBelow = pushed.some(
      (p) => rect.y >= p.y + p.h - 1 && rect.x < p.x + p.w && rect.x + rect.w > p.x,
    )
    if (!isBelow) continue
    changes.push({ id: other.id, y: other.y + growth })
    pushed.push(rect)
  }
  return changes
}

function placeBeside(
  shapes: readonly TLShape[],
  placements: ReturnType<typeof pagePlacements>,
  pageId: TLPageId,
  obstacles: readonly RectLike[],
  size: { readonly w: number; readonly h: number },
  near: Point | undefined,
): CardPlacement {
  const cards = shapes.flatMap((shape) => {
    const placement = placements.get(shape.id)
    return placement && placement.pageId === pageId && shape.type !== 'frame'
      ? [{ shape, bounds: boundsOf(placement) }]
      : []
  })
  const centre = (r: RectLike) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 })
  const anchor = near
    ? cards.sort((a, b) => distance(centre(a.bounds), near) - distance(centre(b.bounds), near))[0]
    : cards.sort((a, b) => createdAt(b.shape) - createdAt(a.shape))[0]
  if (!anchor) {
    const at = near ?? { x: 0, y: 0 }
    return { parentId: pageId, x: at.x - size.w / 2, y: at.y - size.h / 2, frameChanges: [] }
  }
  // Cells of this card's size on a grid through the anchor's corner, nearest to it first.
  const step = { x: size.w + CARD_GAP, y: size.h + CARD_GAP }
  const { x: x0, y: y0 } = anchor.bounds
  for (let ring = 1; ring < MAX_ROWS; ring++) {
    const cells: { at: Point; steps: number; rank: number }[] = []
    for (let row = -ring; row <= ring; row++) {
      for (let column = -ring; column <= ring; column++) {
        if (Math.max(Math.abs(row), Math.abs(column)) !== ring) continue
        cells.push({
          at: { x: x0 + column * step.x, y: y0 + row * step.y },
          steps: Math.abs(row) + Math.abs(column),
          rank: row === 0 ? (column > 0 ? 0 : 2) : row > 0 ? 1 : 3,
        })
      }
    }
    // Nearest first; among those, right of it, then below: the way people read on from a card.
    cells.sort((a, b) => a.steps - b.steps || a.rank - b.rank)
    const free = cells.find(
      ({ at }) => !obstacles.some((o) => overlaps({ ...at, ...size }, o, CARD_GAP / 2)),
    )
    if (free) return { parentId: pageId, ...free.at, frameChanges: [] }
  }
  return { parentId: pageId, x: x0 + step.x, y: y0, frameChanges: [] }
}

function overlaps(a: RectLike, b: RectLike, margin: number): boolean {
  return (
    a.x - margin < b.x + b.w &&
    a.x + a.w + margin > b.x &&
    a.y - margin < b.y + b.h &&
    a.y + a.h + margin > b.y
  )
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y)
}

function createdAt(shape: TLShape): number {
  const value = shape.meta.createdAt
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}
