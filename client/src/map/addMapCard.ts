import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import type { MapCardShape } from '../shapes/MapCardShapeUtil'
import { findFreeSpot, type Rect } from './findFreeSpot'

/**
 * Screen space the board's own panels cover at the edges of the canvas: tldraw's menus and our
 * title bar at the top, the toolbars at the bottom, and the shape form on the right, which
 * opens for the new card. A new card goes where nothing covers it.
 */
const COVERED = { top: 80, bottom: 170, right: 400, left: 20 }

/**
 * Adds a card from a form, for people who would rather not drag: at the first free spot in
 * view, as one undoable step. Returns the new card's id.
 */
export function addMapCard<Type extends MapCardShape['type']>(
  editor: Editor,
  type: Type,
  props: Partial<TLShape<Type>['props']>,
): TLShapeId {
  const defaults = editor.getShapeUtil(type).getDefaultProps() as { w: number; h: number }
  const obstacles = editor
    .getCurrentPageShapes()
    .filter((shape) => shape.type !== 'frame')
    .map((shape) => editor.getShapePageBounds(shape))
    .filter((bounds): bounds is NonNullable<typeof bounds> => bounds !== undefined)
  const spot = findFreeSpot(visibleArea(editor), defaults, obstacles)
  const id = createShapeId()
  editor.markHistoryStoppingPoint(`adding a ${type} from a form`)
  editor.createShape({ id, type, x: spot.x, y: spot.y, props } as Parameters<
    Editor['createShape']
  >[0])
  return id
}

/** The part of the page in view and not covered by panels, in page space. */
function visibleArea(editor: Editor): Rect {
  const screen = editor.getViewportScreenBounds()
  const right = screen.w > 2 * COVERED.right ? COVERED.right : COVERED.left
  const topLeft = editor.screenToPage({ x: screen.x + COVERED.left, y: screen.y + COVERED.top })
  const bottomRight = editor.screenToPage({
    x: screen.maxX - right,
    y: screen.maxY - COVERED.bottom,
  })
  return {
    x: topLeft.x,
    y: topLeft.y,
    w: Math.max(0, bottomRight.x - topLeft.x),
    h: Math.max(0, bottomRight.y - topLeft.y),
  }
}
