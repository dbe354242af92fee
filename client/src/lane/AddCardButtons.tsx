import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { TextField } from '../common/FormFields'
import { LANE_CARDS, type LaneCard } from './laneCards'

/**
 * The phone lane's big "Add" buttons, one per kind of card, each opening a short form of one
 * field in its place. `onAdd` writes the card and says where it went; that is then announced,
 * and the keyboard goes back to the button that opened the form.
 */
export function AddCardButtons({
  onAdd,
  disabled,
}: {
  /** Writes the card; says where it went (or, kept on the server, once it was kept). */
  onAdd: (card: LaneCard, text: string) => string | Promise<string>
  /** Why nothing can be added (watching only), or undefined. */
  disabled?: string
}) {
  const [open, setOpen] = useState<LaneCard>()
  const [message, setMessage] = useState('')
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const closeAndFocus = (card: LaneCard) => {
    setOpen(undefined)
    // After React has put the button back in place of the form.
    requestAnimationFrame(() => buttons.current.get(card.id)?.focus())
  }
  return (
    <section className="lane-add" aria-labelledby="lane-add-heading">
      <h2 id="lane-add-heading">Add to the board</h2>
      {disabled && <p className="hint">{disabled}</p>}
      <ul className="lane-add__buttons">
        {LANE_CARDS.map((card) => (
          <li key={card.id}>
            {open?.id === card.id ? (
              <AddCardForm
                card={card}
                onCancel={() => closeAndFocus(card)}
                onSubmit={(text) => {
                  Promise.resolve()
                    .then(() => onAdd(card, text))
                    .then(setMessage, (e: unknown) =>
                      setMessage(`Not kept: ${e instanceof Error ? e.message : String(e)}`),
                    )
                  closeAndFocus(card)
                }}
              />
            ) : (
              <button
                type="button"
                className="lane-add__button"
                disabled={Boolean(disabled)}
                ref={(button) => {
                  if (button) buttons.current.set(card.id, button)
                  else buttons.current.delete(card.id)
                }}
                onClick={() => {
                  setMessage('')
                  setOpen(card)
                }}
              >
                {card.button}
              </button>
            )}
          </li>
        ))}
      </ul>
      <p className="lane-add__status" role="status">
        {message}
      </p>
    </section>
  )
}

function AddCardForm({
  card,
  onSubmit,
  onCancel,
}: {
  card: LaneCard
  onSubmit: (text: string) => void
  onCancel: () => void
}) {
  const [text, setText] = useState('')
  const formRef = useRef<HTMLFormElement>(null)
  const headingId = useId()
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('textarea, input')?.focus()
  }, [])
  function submit(event: FormEvent) {
    event.preventDefault()
    onSubmit(text.trim())
  }
  return (
    <form
      ref={formRef}
      className="lane-add__form"
      aria-labelledby={headingId}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel()
      }}
    >
      <h3 id={headingId}>{card.button}</h3>
      <TextField
        label={card.field}
        value={text}
        onChange={setText}
        hint={card.hint}
        multiline={card.type !== 'service'}
      />
      <div className="lane-add__actions">
        <button type="submit" className="primary">
          Add
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
