import { NotePurposes, type PurposeNoteShape } from '../../../../shared/shapes/purposeNoteShape'
import { MapIcon } from '../../shapes/MapIcon'
import { NOTE_PURPOSE_STYLES } from '../../shapes/mapStyles'
import { RadioField, TextField } from '../../common/FormFields'
import type { MapShapeFormProps } from './MapShapeFormProps'

/** The fields of a note with a purpose. */
export function PurposeNoteForm({ shape, update }: MapShapeFormProps<PurposeNoteShape>) {
  return (
    <>
      <TextField
        label="What the note says"
        value={shape.props.text}
        onChange={(text) => update({ text })}
        multiline
      />
      <RadioField
        legend="What kind of note is it?"
        value={shape.props.purpose}
        choices={NotePurposes.all}
        onChange={(purpose) => update({ purpose })}
        picture={(purpose) => (
          <MapIcon
            name={NOTE_PURPOSE_STYLES[purpose].icon}
            size={22}
            color={NOTE_PURPOSE_STYLES[purpose].ink}
          />
        )}
      />
    </>
  )
}
