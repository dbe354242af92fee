import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { MAX_NAME_LENGTH } from '../../../shared/limits'
import { ROLES, type RoleId } from '../../../shared/roles'

/** What a person tells the board about themselves when they join. */
export interface JoinDetails {
  readonly name: string
  readonly role: RoleId
  readonly roleOther?: string
}

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
  const [name, setName] = useState('')
  const [role, setRole] = useState<RoleId>()
  const [roleOther, setRoleOther] = useState('')
  const [error, setError] = useState<string>()
  const headingId = useId()

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!name.trim()) return setError('Please write the name you would like others to see.')
    if (!role) return setError('Please choose the role that fits you best.')
    onJoin({
      name: name.trim(),
      role,
      ...(role === 'other' && roleOther.trim() ? { roleOther: roleOther.trim() } : {}),
    })
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

        <label htmlFor="join-name">Your name</label>
        <p className="hint" id="join-name-hint">
          This is what others see next to what you add. A first name or a nickname is fine.
        </p>
        <input
          id="join-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={MAX_NAME_LENGTH}
          autoComplete="nickname"
          aria-describedby="join-name-hint"
          autoFocus
        />

        <fieldset>
          <legend>What brings you here?</legend>
          <p className="hint">
            Choose the one that fits you best. It is about your point of view, not a rank.
          </p>
          {ROLES.map((r) => (
            <label key={r.id} className="role-option">
              <input
                type="radio"
                name="role"
                value={r.id}
                checked={role === r.id}
                onChange={() => setRole(r.id)}
              />
              <span>
                <strong>{r.label}</strong>
                <span className="hint">{r.description}</span>
              </span>
            </label>
          ))}
          {role === 'other' && (
            <div className="role-other">
              <label htmlFor="join-role-other">Say what your role is (optional)</label>
              <input
                id="join-role-other"
                value={roleOther}
                onChange={(e) => setRoleOther(e.target.value)}
                maxLength={MAX_NAME_LENGTH}
              />
            </div>
          )}
        </fieldset>

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
