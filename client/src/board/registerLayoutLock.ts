import type { Editor } from 'tldraw'
import { isLayoutShapeId } from '../../../shared/sessionAreas'

/**
 * While `isLocked()` says the session's layout is locked for this person (a facilitator locked
 * it, and they do not facilitate), their own moves, edits and deletions of the areas and their
 * prompts are stopped here, before they are made. The server refuses them anyway (the session
 * plug-in); this only spares the person an edit that would snap back. Returns the way to stop.
 */
export function registerLayoutLock(
  editor: Pick<Editor, 'sideEffects'>,
  isLocked: () => boolean,
): () => void {
  const stopChanges = editor.sideEffects.registerBeforeChangeHandler(
    'shape',
    (prev, next, source) =>
      source === 'user' && isLocked() && isLayoutShapeId(prev.id) ? prev : next,
  )
  const stopDeletes = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
    source === 'user' && isLocked() && isLayoutShapeId(shape.id) ? false : undefined,
  )
  return () => {
    stopChanges()
    stopDeletes()
  }
}
