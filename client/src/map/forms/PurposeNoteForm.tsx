import type { Editor } from 'tldraw'
import { NotePurposes, type PurposeNoteShape } from '../../../../shared/shapes/purposeNoteShape'
import { MapIcon } from '../../shapes/MapIcon'
import { NOTE_PURPOSE_STYLES } from '../../shapes/mapStyles'
import { RadioField, TextField } from '../../common/FormFields'
import { updateMapShape } from './updateMapShape'

/** The fields of a note with a purpose. */
export function PurposeNoteForm({ editor, shape }: { editor: Editor; shape: PurposeNoteShape }) {
  const update = (props: Partial<PurposeNoteShape['props']>) => updateMapShape(editor, shape, props)
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
