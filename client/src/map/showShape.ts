import type { Editor, TLShapeId } from 'tldraw'

/**
 * Selects a shape and brings it into view, no closer than 100%: what happens when a person picks
 * an item in the list or adds something from a form. tldraw skips the animation for people who
 * asked for reduced motion.
 */
export function showShape(editor: Editor, id: TLShapeId): void {
  if (!editor.getShape(id)) return
  editor.select(id)
  const bounds = editor.getSelectionPageBounds()
  if (bounds) {
    editor.zoomToBounds(bounds, { targetZoom: 1, inset: 120, animation: { duration: 250 } })
  }
}
