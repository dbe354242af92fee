import { useEditor, useValue } from 'tldraw'
import { describeAttribution } from '../collab/attribution'
import { formatDate, formatTime } from '../common/formatWhen'
import type { RecordAttribution } from '../../../shared/attribution'
import type { ImportedAttribution } from '../../../shared/importedAttribution'
import type { Participant } from '../../../shared/participant'
import { useBoardContext } from './BoardContext'

/** Pixels from the top of the canvas that the board's title bar and menus may cover. */
const ROOM_ABOVE_FOR_LABEL = 120

/**
 * "Added by Sam · Lived experience · 10:42 — words changed by Priya · Practitioner" above the
 * shape under the pointer, or the one shape that is selected. It reads the server's attribution
 * (from the ledger), never the shape's `meta`, which any client can write. A shape that came in
 * with a board file is credited first to whom that file credits, then to who brought it in.
 * The same sentence is announced to screen readers for the selection.
 */
export function AttributionLabel() {
  const { people, attributions, imported, identity } = useBoardContext()
  return (
    <AttributionLabelOf
      people={people}
      attributions={attributions}
      imported={imported}
      selfId={identity.participant.id}
    />
  )
}

/** What {@link AttributionLabelOf} credits shapes from: the server's state. */
export interface Credits {
  readonly people: ReadonlyMap<string, Participant>
  readonly attributions: ReadonlyMap<string, RecordAttribution>
  readonly imported: ReadonlyMap<string, ImportedAttribution>
  /** Who is looking ("You"), or null on a watch link, which is nobody. */
  readonly selfId: string | null
}

/** {@link AttributionLabel} from the credits given, for a page that is nobody's (a watch link). */
export function AttributionLabelOf({ people, attributions, imported, selfId }: Credits) {
  const editor = useEditor()
  const target = useValue(
    'attribution target',
    () => {
      // Only while looking, not while drawing, dragging or typing: the label would be in the way.
      if (!editor.isIn('select.idle') && !editor.isIn('select.pointing_shape')) return null
      const hovered = editor.getHoveredShapeId()
      const selected = editor.getOnlySelectedShapeId()
      const shapeId = hovered ?? selected
      const shape = shapeId ? editor.getShape(shapeId) : undefined
      const bounds = shapeId ? editor.getShapePageBounds(shapeId) : undefined
      if (!shape || !bounds) return null
      const above = editor.pageToViewport({ x: bounds.midX, y: bounds.minY })
      // The board's title bar and menus cover the top of the canvas: a label above a shape up
      // there would be hidden behind them, so it goes below the shape instead.
      const below = above.y < ROOM_ABOVE_FOR_LABEL
      const anchor = below ? editor.pageToViewport({ x: bounds.midX, y: bounds.maxY }) : above
      return {
        shapeId: shape.id,
        isSelected: shape.id === selected,
        x: anchor.x,
        y: anchor.y,
        below,
      }
    },
    [editor],
  )
  const importedFrom = target && imported.get(target.shapeId)
  const text =
    target &&
    describeAttribution(
      attributions.get(target.shapeId),
      people,
      selfId,
      formatTime,
      importedFrom ? { imported: importedFrom, formatDate } : undefined,
      target.shapeId,
    )
  return (
    <>
      {target && (
        <div
          className={`attribution-label${target.below ? ' attribution-label--below' : ''}`}
          style={{ left: target.x, top: target.y }}
          data-testid="attribution-label"
          data-shape-id={target.shapeId}
        >
          {text}
        </div>
      )}
      <div className="visually-hidden" role="status" aria-live="polite">
        {target?.isSelected ? text : ''}
      </div>
    </>
  )
}
