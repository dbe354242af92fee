import type { Editor, TLShapeId } from 'tldraw'
import { ROUTE_BINDING_TYPE } from '../../../shared/bindings/routeBinding'
import { ROUTE_SHAPE_TYPE } from '../../../shared/shapes/routeShape'
import { getRouteEnds } from './updateRouteGeometry'

/**
 * Removes any route the person's own change left without both of its ends: a route pasted or
 * duplicated without its cards, or one whose binding was deleted. It looks once each change is
 * complete, so a route and its bindings made together in one `editor.run` are kept. Changes
 * from other people are left alone: their client applies the same rule to its own changes, and
 * two clients deleting on each other's behalf could fight over a half-synced route.
 */
export function keepRoutesWhole(editor: Editor): () => void {
  const suspects = new Set<TLShapeId>()
  const disposers = [
    editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      if (source === 'user' && shape.type === ROUTE_SHAPE_TYPE) suspects.add(shape.id)
    }),
    editor.sideEffects.registerAfterDeleteHandler('binding', (binding, source) => {
      if (source === 'user' && binding.type === ROUTE_BINDING_TYPE) suspects.add(binding.fromId)
    }),
    editor.sideEffects.registerOperationCompleteHandler((source) => {
      if (source !== 'user' || suspects.size === 0) return
      const broken = [...suspects].filter((id) => editor.getShape(id) && !getRouteEnds(editor, id))
      suspects.clear()
      if (broken.length) editor.deleteShapes(broken)
    }),
  ]
  return () => disposers.forEach((dispose) => dispose())
}
