import { useEditor, useValue } from 'tldraw'
import { describeAttribution } from '../collab/attribution'
import { useBoardContext } from './BoardContext'

const formatTime = (epochMs: number) =>
  new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })

/**
 * "Added by Sam · Lived experience · 10:42 — words changed by Priya · Practitioner" above the
 * shape under the pointer, or the one shape that is selected. It reads the server's attribution
 * (from the ledger), never the shape's `meta`, which any client can write. The same sentence is
 * announced to screen readers for the selection.
 */
export function AttributionLabel() {
  const editor = useEditor()
  const { people, attributions, identity } = useBoardContext()
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
      const anchor = editor.pageToViewport({ x: bounds.midX, y: bounds.minY })
      return {
        shapeId: shape.id,
        isSelected: shape.id === selected,
        x: anchor.x,
        y: anchor.y,
      }
    },
    [editor],
  )
  const text =
    target &&
    describeAttribution(
      attributions.get(target.shapeId),
      people,
      identity.participant.id,
      formatTime,
    )
  return (
    <>
      {target && (
        <div
          className="attribution-label"
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
