import { Mat, type Editor, type TLShapeId } from 'tldraw'
import { ROUTE_BINDING_TYPE } from '../../../shared/bindings/routeBinding'
import { ROUTE_SHAPE_TYPE } from '../../../shared/shapes/routeShape'
import { routeEndpoints } from '../../../shared/routeEndpoints'

/** A route's two bindings, or undefined while it does not have both. */
export function getRouteEnds(editor: Editor, routeId: TLShapeId) {
  const bindings = editor.getBindingsFromShape(routeId, ROUTE_BINDING_TYPE)
  const start = bindings.find((binding) => binding.props.terminal === 'start')
  const end = bindings.find((binding) => binding.props.terminal === 'end')
  return start && end ? { start, end } : undefined
}

/**
 * Puts a route back between its two cards, edge to edge, wherever the cards (or the frames they
 * sit in) now are. Called whenever either card or the route itself changes, so a route cannot be
 * dragged, rotated or nudged away from its cards. Writes nothing when the route is already in
 * place, which is what stops the update from triggering itself forever.
 */
export function updateRouteGeometry(editor: Editor, routeId: TLShapeId): void {
  const route = editor.getShape(routeId)
  if (!route || route.type !== ROUTE_SHAPE_TYPE) return
  const ends = getRouteEnds(editor, routeId)
  if (!ends) return
  const from = editor.getShapePageBounds(ends.start.toId)
  const to = editor.getShapePageBounds(ends.end.toId)
  if (!from || !to) return
  const { start, end } = routeEndpoints(from, to)
  // The route's position is in its parent's space (a frame, say), not the page's.
  const toParent = Mat.Inverse(editor.getShapeParentTransform(route))
  const localStart = Mat.applyToPoint(toParent, start)
  const localEnd = Mat.applyToPoint(toParent, end)
  const x = round(localStart.x)
  const y = round(localStart.y)
  const endX = round(localEnd.x - localStart.x)
  const endY = round(localEnd.y - localStart.y)
  const { props } = route
  if (
    route.x === x &&
    route.y === y &&
    route.rotation === 0 &&
    props.end.x === endX &&
    props.end.y === endY
  ) {
    return
  }
  editor.run(
    () =>
      editor.updateShape({
        id: route.id,
        type: ROUTE_SHAPE_TYPE,
        x,
        y,
        rotation: 0,
        props: { end: { x: endX, y: endY } },
      }),
    // A locked route still follows its cards: locking is about people's edits, not geometry.
    { ignoreShapeLock: true },
  )
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

/**
 * Puts every route on the board between its cards. A route is placed by the editor of whoever
 * moves its cards, so one written while no editor was open (by a script, an import, or into a
 * store that had not mounted its editor yet) may be out of place; this runs when the canvas
 * opens. It writes only routes that are out of place, and not as an undoable step.
 */
export function settleRoutes(editor: Editor): void {
  const routes = editor.store
    .allRecords()
    .filter((record) => record.typeName === 'shape' && record.type === ROUTE_SHAPE_TYPE)
  if (routes.length === 0) return
  editor.run(() => routes.forEach((route) => updateRouteGeometry(editor, route.id as TLShapeId)), {
    history: 'ignore',
  })
}
