import { useContext } from 'react'
import { useEditor } from 'tldraw'
import { HighlightContext } from '../board/BoardContext'
import { useCardPlaces } from '../board/useCardPlaces'

/**
 * "Hidden for review" above each card taken down for review, on a facilitator's canvas (nobody
 * else's shows those cards at all). The card itself is faded and outlined with dashes
 * (HighlightShapeWrapper), so it never rests on colour alone; the facilitator restores or
 * removes it from Run the session.
 */
export function HiddenLabels() {
  const editor = useEditor()
  const { hidden } = useContext(HighlightContext)
  const places = useCardPlaces(editor, hidden)
  return (
    <>
      {places.map(({ id, x, y }) => (
        <div
          key={id}
          className="hidden-label"
          style={{ left: x, top: y }}
          data-testid="hidden-label"
          data-shape-id={id}
        >
          Hidden for review
        </div>
      ))}
    </>
  )
}
