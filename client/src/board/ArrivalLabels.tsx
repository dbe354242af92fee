import { useContext } from 'react'
import { useEditor } from 'tldraw'
import { describePerson } from '../../../shared/credit'
import { HighlightContext } from './BoardContext'
import { useCardPlaces } from './useCardPlaces'

/**
 * "New · Sam · Lived experience" above each card someone else has just added (see
 * trackArrivals), for as long as it is marked: the person adding it from a form, perhaps on a
 * phone, does not move anyone's view, so the card says where it arrived and whose it is. The
 * name is the server's attribution, which follows the card a moment later.
 */
export function ArrivalLabels() {
  const editor = useEditor()
  const { arrivals, attributions, people } = useContext(HighlightContext)
  const places = useCardPlaces(editor, arrivals)
  return (
    <>
      {places.map(({ id, x, y }) => {
        const addedBy = attributions.get(id)?.addedBy
        const person = addedBy ? people.get(addedBy) : undefined
        return (
          <div
            key={id}
            className="arrival-label"
            style={{ left: x, top: y }}
            data-testid="arrival-label"
            data-shape-id={id}
          >
            New{person ? ` · ${describePerson(person)}` : ''}
          </div>
        )
      })}
    </>
  )
}
