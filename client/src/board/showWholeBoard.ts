import type { Editor } from 'tldraw'

/**
 * Screen space at the canvas's edges that tldraw's menus, our title bar and the toolbars cover,
 * and that a whole-board view should leave clear.
 */
const COVERED_EDGES = { top: 72, bottom: 190, left: 24, right: 24 }

/**
 * Opens the board showing all of it, clear of the menus and toolbars, so a session laid out by
 * its template (or a map someone else made) is seen whole at first; never zoomed in past 100%
 * on a nearly empty board.
 */
export function showWholeBoard(editor: Editor): void {
  const bounds = editor.getCurrentPageBounds()
  const screen = editor.getViewportScreenBounds()
  const width = screen.w - COVERED_EDGES.left - COVERED_EDGES.right
  const height = screen.h - COVERED_EDGES.top - COVERED_EDGES.bottom
  if (!bounds || width <= 0 || height <= 0) return
  const z = Math.min(1, width / bounds.w, height / bounds.h)
  // Where the board's top left corner goes on the screen, centring it in the clear space.
  const left = COVERED_EDGES.left + (width - bounds.w * z) / 2
  const top = COVERED_EDGES.top + (height - bounds.h * z) / 2
  editor.setCamera({ x: left / z - bounds.x, y: top / z - bounds.y, z }, { immediate: true })
}
