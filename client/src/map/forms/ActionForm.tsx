import { useId } from 'react'
import { assertNever } from '../../../../shared/assertNever'
import { MAX_NAME_LENGTH } from '../../../../shared/limits'
import type { Participant } from '../../../../shared/participant'
import { describePerson } from '../../../../shared/credit'
import {
  ActionStatuses,
  type ActionOwner,
  type ActionShape,
} from '../../../../shared/shapes/actionShape'
import { MapIcon } from '../../shapes/MapIcon'
import { ACTION_STATUS_ICONS, ACTION_STYLE } from '../../shapes/mapStyles'
import { RadioField, SelectField, TextField, type FieldOption } from '../../common/FormFields'
import type { MapShapeFormProps } from './MapShapeFormProps'

const NOBODY = 'nobody'
const SOMEONE_ELSE = 'named'
const participantOption = (id: string) => `participant:${id}`

/** The fields of an action: what, who, by when, and how far it has got. */
export function ActionForm({
  shape,
  update,
  participants,
  onOwnerChosen,
}: MapShapeFormProps<ActionShape> & {
  participants: readonly Participant[]
  /**
   * The card names its owner through tldraw's user records, which only exist for people who
   * have edited something: this makes sure the chosen person has one, so their name shows
   * everywhere (copies and files too).
   */
  onOwnerChosen: (participant: Participant) => void
}) {
  const { what, who, due, status } = shape.props
  const dateId = useId()

  const chooseOwner = (option: string) => {
    if (option === NOBODY) return update({ who: { type: 'nobody' } })
    if (option === SOMEONE_ELSE) return update({ who: { type: 'named', name: '' } })
    const participant = participants.find((p) => participantOption(p.id) === option)
    if (!participant) return
    onOwnerChosen(participant)
    update({ who: { type: 'participant', participantId: participant.id } })
  }

  return (
    <>
      <TextField
        label="What will happen?"
        value={what}
        onChange={(what) => update({ what })}
        multiline
      />
      <SelectField
        label="Who will do it?"
        value={ownerOption(who)}
        choices={ownerChoices(who, participants)}
        onChange={chooseOwner}
      />
      {who.type === 'named' && (
        <TextField
          label="Their name, or their job"
          value={who.name}
          onChange={(name) =>
            update({ who: { type: 'named', name: name.slice(0, MAX_NAME_LENGTH) } })
          }
          hint="For example: the housing manager. Someone who is not on this board is fine."
        />
      )}
      <div className="form-field">
        <label htmlFor={dateId}>By when?</label>
        <input
          id={dateId}
          type="date"
          value={due}
          onChange={(event) => update({ due: event.currentTarget.value })}
          aria-describedby={`${dateId}-hint`}
        />
        <p className="hint" id={`${dateId}-hint`}>
          Leave it empty if no date was agreed.
        </p>
      </div>
      <RadioField
        legend="How far has it got?"
        value={status}
        choices={ActionStatuses.all}
        onChange={(status) => update({ status })}
        picture={(status) => (
          <MapIcon name={ACTION_STATUS_ICONS[status]} size={22} color={ACTION_STYLE.ink} />
        )}
      />
    </>
  )
}

/** Who can be chosen: nobody, each participant, whoever was chosen before, or someone else. */
function ownerChoices(
  who: ActionOwner,
  participants: readonly Participant[],
): FieldOption<string>[] {
  const listed = participants.map((p) => ({
    id: participantOption(p.id),
    label: describePerson(p),
  }))
  const gone =
    who.type === 'participant' && !participants.some((p) => p.id === who.participantId)
      ? [{ id: ownerOption(who), label: 'Someone who is no longer listed' }]
      : []
  return [
    { id: NOBODY, label: 'Nobody yet' },
    ...listed,
    ...gone,
    { id: SOMEONE_ELSE, label: 'Someone else (write their name)' },
  ]
}

function ownerOption(owner: ActionOwner): string {
  switch (owner.type) {
    case 'nobody':
      return NOBODY
    case 'named':
      return SOMEONE_ELSE
    case 'participant':
      return participantOption(owner.participantId)
    default:
      return assertNever(owner)
  }
}
