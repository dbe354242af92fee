import {
  ServiceAccess,
  ServiceKinds,
  type ServiceShape,
} from '../../../../shared/shapes/serviceShape'
import { SelectField, TextField } from '../../common/FormFields'
import type { MapShapeFormProps } from './MapShapeFormProps'

/** The fields of a service card. */
export function ServiceForm({ shape, update }: MapShapeFormProps<ServiceShape>) {
  const { name, kind, runBy, forWhom, access, notes } = shape.props
  return (
    <>
      <TextField
        label="Name of the service"
        value={name}
        onChange={(name) => update({ name })}
        placeholder="For example: Park Road GP surgery"
      />
      <SelectField
        label="What kind of help?"
        value={kind}
        choices={ServiceKinds.all}
        onChange={(kind) => update({ kind })}
      />
      <TextField
        label="Who runs it?"
        value={runBy}
        onChange={(runBy) => update({ runBy })}
        placeholder="For example: the council, a charity, the NHS"
      />
      <TextField
        label="Who is it for?"
        value={forWhom}
        onChange={(forWhom) => update({ forWhom })}
        placeholder="For example: anyone over 18 in Leeds"
      />
      <SelectField
        label="How do you get in?"
        value={access}
        choices={ServiceAccess.all}
        onChange={(access) => update({ access })}
      />
      <TextField
        label="Anything else?"
        value={notes}
        onChange={(notes) => update({ notes })}
        multiline
      />
    </>
  )
}
