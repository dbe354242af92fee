import { useEditor, useValue } from 'tldraw'
import { ROUTE_SHAPE_TYPE } from '../../../shared/shapes/routeShape'
import type { RouteTool } from '../tools/RouteTool'

/**
 * While a route is being drawn: a line from the card it starts at to the pointer (or to the
 * card it would join, which snaps the line to it), and a few words saying what letting go will
 * do. Drawn over the canvas, in screen space, and never stored.
 */
export function RoutePreviewOverlay() {
  const editor = useEditor()
  const preview = useValue(
    'route preview',
    () => {
      const state = editor.getStateDescendant<RouteTool>(ROUTE_SHAPE_TYPE)?.preview.get()
      const from = state && editor.getShapePageBounds(state.fromId)
      if (!state || !from) return null
      const to = state.toId && editor.getShapePageBounds(state.toId)
      return {
        start: editor.pageToViewport(from.center),
        end: editor.pageToViewport(to ? to.center : state.point),
        pointer: editor.pageToViewport(state.point),
        joining: Boolean(to),
      }
    },
    [editor],
  )
  if (!preview) return null
  const { start, end, pointer, joining } = preview
  return (
    <>
      <svg className="route-preview" aria-hidden="true">
        <line
          x1={start.x}
          y1={start.y}
          x2={end.x}
          y2={end.y}
          strokeDasharray={joining ? undefined : '8 6'}
        />
        <circle cx={end.x} cy={end.y} r={joining ? 8 : 5} />
      </svg>
      <div className="route-preview__hint" style={{ left: pointer.x + 16, top: pointer.y + 16 }}>
        {joining ? 'Let go to connect these two cards' : 'Let go on another service or person'}
      </div>
    </>
  )
}
