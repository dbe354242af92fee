import { useEffect, useId, useRef, useState } from 'react'
import type { JoinRequest } from '../../../shared/api'
import {
  EMPTY_PROFILE,
  ProfileFields,
  useProfileSubmit,
  type ProfileDraft,
} from '../common/ProfileFields'

/**
 * Asks for a name, a role and how the person wants to be credited, in one step and without an
 * account, then joins through the server. It is a modal dialog: the board behind it cannot be
 * used until the person has joined, and Escape does not dismiss it (there is nothing to go
 * back to). `notice` explains why they are asked again (a refused link, say).
 */
export function JoinDialog({
  boardTitle,
  notice,
  onJoin,
}: {
  boardTitle: string
  notice?: string
  /** Joins; rejects with a plain message to show when that failed. */
  onJoin: (request: JoinRequest) => Promise<void>
}) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [draft, setDraft] = useState<ProfileDraft>(EMPTY_PROFILE)
  // On success the page moves on to the board, so this dialog never needs to be reset.
  const { busy, error, submit } = useProfileSubmit(draft, 'you', onJoin)
  const headingId = useId()

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  return (
    <dialog
      ref={dialogRef}
      className="join-dialog"
      aria-labelledby={headingId}
      onCancel={(e) => e.preventDefault()}
    >
      <form onSubmit={submit} noValidate>
        <h1 id={headingId}>Join “{boardTitle}”</h1>
        {notice && (
          <p className="error" role="alert">
            {notice}
          </p>
        )}
        <p className="muted">No account needed. This device will remember you for this board.</p>
        <ProfileFields idPrefix="join" value={draft} onChange={setDraft} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Joining…' : 'Join the board'}
        </button>
      </form>
    </dialog>
  )
}
