import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { newCardFor, placeNewCard } from '../../../shared/cardPlacement'
import type { MapCardShape } from '../shapes/MapCardShapeUtil'

/**
 * Adds a card from a form, for people who would rather not drag: in its area of the session,
 * in the area's grid (shared/cardPlacement.ts; beside the card nearest the middle of the view on
 * a board without areas), as one undoable step. The view does not move. Returns the new card's
 * id.
 */
export function addMapCard<Type extends MapCardShape['type']>(
  editor: Editor,
  type: Type,
  props: Partial<TLShape<Type>['props']>,
): TLShapeId {
  const size = editor.getShapeUtil(type).getDefaultProps() as { w: number; h: number }
  const page = editor.getCurrentPage()
  const placement = placeNewCard(
    [page, ...editor.getCurrentPageShapes()],
    page.id,
    newCardFor(type, props),
    size,
    editor.getViewportPageBounds().center,
  )
  const id = createShapeId()
  editor.markHistoryStoppingPoint(`adding a ${type} from a form`)
  editor.run(() => {
    editor.updateShapes(
      placement.frameChanges.map(({ id, y, h }) => ({
        id,
        type: 'frame',
        ...(y !== undefined && { y }),
        ...(h !== undefined && { props: { h } }),
      })),
    )
    editor.createShape({
      id,
      type,
      parentId: placement.parentId,
      x: placement.x,
      y: placement.y,
      props,
    } as Parameters<Editor['createShape']>[0])
  })
  return id
}
