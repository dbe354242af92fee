import { useId, useState, type FormEvent } from 'react'
import { HIDE_REASONS, type HideReason } from '../../../shared/hiddenCards'
import { hideCard } from '../api'
import { useBoardContext } from '../board/BoardContext'

/**
 * "Hide for now": anyone who may change the board takes a card down for review, saying why if
 * they like, from a short list. It disappears for everyone but facilitators, who restore or
 * remove it. `onHidden` is told in plain words once the server took it down.
 */
export function HideForNow({
  shapeId,
  cardName,
  onHidden,
}: {
  shapeId: string
  /** How the card is named for screen readers ("the card ‘Long waits’"). */
  cardName: string
  onHidden: (said: string) => void
}) {
  const { boardId, identity } = useBoardContext()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<HideReason | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const id = useId()

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Hide for now<span className="visually-hidden"> ({cardName})</span>
      </button>
    )
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    try {
      await hideCard(boardId, shapeId, reason, identity.token)
      setOpen(false)
      setError(undefined)
      onHidden('The card is hidden for now. A facilitator will look at it.')
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="hide-for-now" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>Hide {cardName} for now?</strong> Only facilitators will see it, and they decide
        whether it comes back. Other people on the board are not told who hid it.
      </p>
      <fieldset>
        <legend>Why? You can leave this out.</legend>
        {HIDE_REASONS.all.map((choice) => (
          <label key={choice.id} className="choice">
            <input
              type="radio"
              name={`${id}-reason`}
              value={choice.id}
              checked={reason === choice.id}
              onChange={() => setReason(choice.id)}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          Hide it
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
