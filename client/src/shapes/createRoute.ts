import { createShapeId, type Editor, type TLShapeId } from 'tldraw'
import { isRouteEndType, ROUTE_BINDING_TYPE } from '../../../shared/bindings/routeBinding'
import { ROUTE_SHAPE_TYPE, type RouteKind } from '../../../shared/shapes/routeShape'

/**
 * Adds a route of `kind` from one card to another, as one change (one undo step): the route and
 * both of its bindings. It goes in the innermost frame that holds both cards, so it moves and is
 * clipped with them. Returns its id, or undefined when the two are not two different cards a
 * route can join (services and people).
 */
export function createRoute(
  editor: Editor,
  fromId: TLShapeId,
  toId: TLShapeId,
  kind: RouteKind,
): TLShapeId | undefined {
  const from = editor.getShape(fromId)
  const to = editor.getShape(toId)
  if (!from || !to || from.id === to.id) return undefined
  if (!isRouteEndType(from.type) || !isRouteEndType(to.type)) return undefined
  const id = createShapeId()
  editor.run(() => {
    editor.createShape({
      id,
      type: ROUTE_SHAPE_TYPE,
      parentId: editor.findCommonAncestor([from, to]) ?? editor.getCurrentPageId(),
      props: { kind },
    })
    editor.createBindings([
      { type: ROUTE_BINDING_TYPE, fromId: id, toId: from.id, props: { terminal: 'start' } },
      { type: ROUTE_BINDING_TYPE, fromId: id, toId: to.id, props: { terminal: 'end' } },
    ])
  })
  return editor.getShape(id) ? id : undefined
}
