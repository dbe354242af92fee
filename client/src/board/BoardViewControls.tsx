import { useEditor, useValue } from 'tldraw'
import { showWholeBoard } from './showWholeBoard'

/**
 * How much of the board is in view, in words and plain buttons: "Whole board" to see all of it
 * at once, and zooming out and in step by step, with the zoom as a percentage between them. The
 * board opens on the area the group is working on, at a zoom people can read (openingView.ts).
 */
export function BoardViewControls() {
  const editor = useEditor()
  const zoom = useValue('zoom', () => Math.round(editor.getZoomLevel() * 100), [editor])
  const animation = { animation: { duration: 200 } }
  return (
    <div className="board-view-controls" role="group" aria-label="View">
      <button type="button" onClick={() => showWholeBoard(editor)}>
        Whole board
      </button>
      <button
        type="button"
        aria-label="Zoom out"
        title="Zoom out"
        onClick={() => editor.zoomOut(undefined, animation)}
      >
        −
      </button>
      <span className="board-view-controls__zoom">{zoom}%</span>
      <button
        type="button"
        aria-label="Zoom in"
        title="Zoom in"
        onClick={() => editor.zoomIn(undefined, animation)}
      >
        +
      </button>
    </div>
  )
}
