import { Box, type Editor, type TLShapeId } from 'tldraw'

/** Screen width the selected shape's form takes on the canvas's right edge (ShapeFormPanel). */
const FORM_WIDTH = 380

/**
 * Selects a shape and brings it into view, no closer than 100% and clear of its form, which opens
 * on the right as it is selected: what happens when a person picks an item in the list or adds
 * something from a form. tldraw skips the animation for people who asked for reduced motion.
 */
export function showShape(editor: Editor, id: TLShapeId): void {
  if (!editor.getShape(id)) return
  editor.select(id)
  const bounds = editor.getSelectionPageBounds()
  if (!bounds) return
  const withRoomForForm = new Box(bounds.x, bounds.y, bounds.w + FORM_WIDTH, bounds.h)
  editor.zoomToBounds(withRoomForForm, { targetZoom: 1, inset: 80, animation: { duration: 250 } })
}
