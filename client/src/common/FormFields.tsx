import { useId, type ReactNode } from 'react'
import { MAX_LONG_TEXT, MAX_SHORT_TEXT } from '../../../shared/shapes/boundedText'

/**
 * A labelled text box for one of a shape's words. Changes go to the shape as the person types,
 * so everyone on the board sees them at once, as they would on the canvas.
 */
export function TextField({
  label,
  value,
  onChange,
  hint,
  multiline = false,
  placeholder,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: string
  multiline?: boolean
  placeholder?: string
}) {
  const id = useId()
  const props = {
    id,
    value,
    placeholder,
    'aria-describedby': hint ? `${id}-hint` : undefined,
    onChange: (event: { currentTarget: { value: string } }) => onChange(event.currentTarget.value),
  }
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...props} rows={3} maxLength={MAX_LONG_TEXT} />
      ) : (
        <input {...props} maxLength={MAX_SHORT_TEXT} />
      )}
    </div>
  )
}

/** An option of a select or radio field; a fixed option (`Choice`) is one. */
export interface FieldOption<Id extends string> {
  readonly id: Id
  readonly label: string
  /** What it means, shown under a drop-down while it is chosen, or beside a radio button. */
  readonly description?: string
}

/** A labelled drop-down, with the chosen option's meaning (if it has one) under it. */
export function SelectField<Id extends string>({
  label,
  value,
  choices,
  onChange,
}: {
  label: string
  value: Id
  choices: readonly FieldOption<Id>[]
  onChange: (value: Id) => void
}) {
  const id = useId()
  const description = choices.find((choice) => choice.id === value)?.description
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-describedby={description ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.currentTarget.value as Id)}
      >
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </select>
      {description && (
        <p className="hint" id={`${id}-hint`}>
          {description}
        </p>
      )}
    </div>
  )
}

/**
 * A group of radio buttons, each with its meaning and, optionally, a picture. `cards` draws each
 * option as a framed card, for a page's one big decision (how a board starts).
 */
export function RadioField<Id extends string>({
  legend,
  value,
  choices,
  onChange,
  picture,
  cards = false,
}: {
  legend: string
  value: Id
  choices: readonly FieldOption<Id>[]
  onChange: (value: Id) => void
  picture?: (id: Id) => ReactNode
  cards?: boolean
}) {
  const name = useId()
  return (
    <fieldset className={`form-field form-radios${cards ? ' form-radios--cards' : ''}`}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.id} className="form-radio">
          <input
            type="radio"
            name={name}
            value={choice.id}
            checked={value === choice.id}
            onChange={() => onChange(choice.id)}
          />
          {picture?.(choice.id)}
          <span>
            <strong>{choice.label}</strong>
            <span className="hint">{choice.description}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}

/** A box for a whole number from 1 to `max` (minutes, dots), with the number keypad on phones. */
export function CountInput({
  id,
  max,
  value,
  onChange,
}: {
  id: string
  max: number
  value: string
  onChange: (value: string) => void
}) {
  return (
    <input
      id={id}
      type="number"
      inputMode="numeric"
      min={1}
      max={max}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  )
}
