import type { Editor } from 'tldraw'

/**
 * Gives the keyboard back to the canvas, e.g. when a form closes. tldraw may still count itself
 * focused while the person was typing in a panel outside it, and then `editor.focus()` alone does
 * nothing, so the container is focused as well.
 */
export function returnToCanvas(editor: Editor): void {
  editor.focus()
  editor.getContainer().focus()
}
