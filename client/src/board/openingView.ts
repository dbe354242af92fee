import type { Editor } from 'tldraw'
import { SESSION_AREAS, templateShapeId } from '../../../shared/sessionAreas'

/**
 * The zoom at which the words on cards are at least as large as the app's own text: cards
 * write their details at 16 page units and their names larger (client/src/styles.css), and the
 * app's body text is 16 CSS pixels.
 */
export const READABLE_ZOOM = 1

/**
 * Screen space at the canvas's edges that tldraw's menus, the view controls and the toolbars
 * cover, and that the opening view should leave clear.
 */
const COVERED = { top: 110, bottom: 170, left: 16, right: 16 }

/**
 * Opens the board where the group is working, at a zoom people can read: the session's first
 * area (until the session has stages), centred when it fits the screen, else with its top left
 * corner in view. A board without areas opens on the top left of what is on it.
 */
export function openOnWorkingArea(editor: Editor): void {
  const frame = editor.getShape(templateShapeId(SESSION_AREAS[0]!.key))
  const bounds =
    frame && editor.getAncestorPageId(frame) === editor.getCurrentPageId()
      ? editor.getShapePageBounds(frame)
      : editor.getCurrentPageBounds()
  if (!bounds) return
  const screen = editor.getViewportScreenBounds()
  const z = READABLE_ZOOM
  const clear = {
    w: screen.w - COVERED.left - COVERED.right,
    h: screen.h - COVERED.top - COVERED.bottom,
  }
  const left = COVERED.left + Math.max(0, (clear.w - bounds.w * z) / 2)
  const top = COVERED.top + Math.max(0, (clear.h - bounds.h * z) / 2)
  editor.setCamera({ x: left / z - bounds.x, y: top / z - bounds.y, z }, { immediate: true })
}
