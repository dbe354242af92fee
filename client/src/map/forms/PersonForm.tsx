import type { PersonShape } from '../../../../shared/shapes/personShape'
import { TextField } from '../../common/FormFields'
import type { MapShapeFormProps } from './MapShapeFormProps'

/** Why a "someone like me" card describes a situation and never a real person. */
export const PERSON_PRIVACY_HINT =
  'Describe a situation, not a real person. Leave out names and anything else that could show who someone is.'

/** The fields of a "someone like me" card. */
export function PersonForm({ shape, update }: MapShapeFormProps<PersonShape>) {
  const { situation, needs, wants } = shape.props
  return (
    <>
      <p className="form-note">{PERSON_PRIVACY_HINT}</p>
      <TextField
        label="Their situation"
        value={situation}
        onChange={(situation) => update({ situation })}
        placeholder="For example: Single dad, just lost his job"
        multiline
      />
      <TextField
        label="What they need"
        value={needs}
        onChange={(needs) => update({ needs })}
        placeholder="For example: somewhere to live with his kids"
        multiline
      />
      <TextField
        label="What they want"
        value={wants}
        onChange={(wants) => update({ wants })}
        placeholder="For example: to be listened to"
        multiline
      />
    </>
  )
}
