import type { Editor } from 'tldraw'
import { mapOutline, type MapOutline } from '../../../shared/mapOutline'
import type { Participant } from '../../../shared/participant'
import { useEqualValue } from './useEqualValue'

/**
 * The current page's service map as structured data, kept up to date as anyone edits. The
 * outline does not depend on where things are, so dragging a card across the canvas does not
 * make the list draw itself again on every frame.
 */
export function useMapOutline(
  editor: Editor,
  participantsById: ReadonlyMap<string, Participant>,
): MapOutline {
  return useEqualValue(
    'service map outline',
    () =>
      mapOutline(
        [
          // Cards hidden for review are not in this person's list if not on their canvas.
          ...editor.getCurrentPageShapes().filter((shape) => !editor.isShapeHidden(shape)),
          ...editor.store.query.records('binding').get(),
        ],
        participantsById,
      ),
    [editor, participantsById],
  )
}
