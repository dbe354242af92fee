import { assertNever } from '../../../../shared/assertNever'
import type { MapShape } from '../../../../shared/mapShapes'
import type { Participant } from '../../../../shared/participant'
import { ActionForm } from './ActionForm'
import type { MapShapeFormProps } from './MapShapeFormProps'
import { PersonForm } from './PersonForm'
import { PurposeNoteForm } from './PurposeNoteForm'
import { ServiceForm } from './ServiceForm'

/**
 * The fields of one of the map's cards, the same on the canvas's form and in the phone lane. A
 * route's fields need the canvas, where its two ends can be seen (RouteForm); the phone lane
 * says so.
 */
export function MapShapeForm({
  shape,
  update,
  participants,
  onOwnerChosen,
}: MapShapeFormProps<MapShape> & {
  participants: readonly Participant[]
  onOwnerChosen: (participant: Participant) => void
}) {
  switch (shape.type) {
    case 'service':
      return <ServiceForm shape={shape} update={update} />
    case 'person':
      return <PersonForm shape={shape} update={update} />
    case 'purpose-note':
      return <PurposeNoteForm shape={shape} update={update} />
    case 'action':
      return (
        <ActionForm
          shape={shape}
          update={update}
          participants={participants}
          onOwnerChosen={onOwnerChosen}
        />
      )
    case 'route':
      return <p className="hint">Routes are changed on the board (“See the board”).</p>
    default:
      return assertNever(shape)
  }
}
