import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import {
  checkParticipantDraft,
  EMPTY_PARTICIPANT_DRAFT,
  ParticipantFields,
  type JoinDetails,
} from '../common/ParticipantFields'

export type { JoinDetails } from '../common/ParticipantFields'

/**
 * Asks for a display name and a role, in one step and without an account. It is a modal
 * dialog: the board behind it cannot be used until the person has joined, and Escape does not
 * dismiss it (there is nothing to go back to).
 */
export function JoinDialog({
  boardTitle,
  onJoin,
}: {
  boardTitle: string
  onJoin: (details: JoinDetails) => void
}) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [draft, setDraft] = useState(EMPTY_PARTICIPANT_DRAFT)
  const [error, setError] = useState<string>()
  const headingId = useId()

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = checkParticipantDraft(draft)
    if (!checked.ok) return setError(checked.error)
    onJoin(checked.details)
  }

  return (
    <dialog
      ref={dialogRef}
      className="join-dialog"
      aria-labelledby={headingId}
      onCancel={(e) => e.preventDefault()}
    >
      <form onSubmit={submit} noValidate>
        <h1 id={headingId}>Join “{boardTitle}”</h1>
        <p className="muted">No account needed. This device will remember you for this board.</p>
        <ParticipantFields idPrefix="join" draft={draft} onChange={setDraft} autoFocus />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          Join the board
        </button>
      </form>
    </dialog>
  )
}
