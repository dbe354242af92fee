import { useId, useState } from 'react'
import type { ParticipantProfile } from '../../../shared/api'
import { describePerson } from '../../../shared/credit'
import { updateProfile } from '../api'
import { useBoardContext } from './BoardContext'
import { LicencePicker } from './LicencePicker'
import { PersonBadge } from './PersonBadge'
import { ProfileFields, useProfileSubmit, type ProfileDraft } from '../common/ProfileFields'

/** A stored profile as a form draft. */
export function draftOf(profile: ParticipantProfile): ProfileDraft {
  return {
    name: profile.name,
    role: profile.role,
    roleOther: profile.roleOther ?? '',
    credit: profile.credit,
    pseudonym: profile.pseudonym ?? '',
  }
}

/**
 * The person's own menu, top right: "You: Sam · Lived experience ▾". It shows how everyone
 * else sees them, lets them change their name, role and how they are credited at any time (the
 * server checks it is really them), lets them choose the board's licence, and offers "Join as
 * someone new".
 */
export function MyMenu() {
  const { boardId, identity, self, onProfileSaved, joinAsSomeoneNew } = useBoardContext()
  const [open, setOpen] = useState(false)
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(identity.participant))
  const [saved, setSaved] = useState(false)
  const menuId = useId()
  const {
    busy,
    error,
    setError,
    submit: save,
  } = useProfileSubmit(draft, 'you', async (changes) => {
    const { participant } = await updateProfile(
      boardId,
      identity.participant.id,
      { roleOther: null, pseudonym: null, ...changes },
      identity.token,
    )
    onProfileSaved(participant)
    setSaved(true)
  })

  return (
    <div className="my-menu">
      <button
        type="button"
        className="my-menu-toggle"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => {
          setOpen((o) => !o)
          setDraft(draftOf(identity.participant))
          setSaved(false)
          setError(undefined)
        }}
        data-testid="my-menu-toggle"
      >
        <PersonBadge person={self} />
        <span className="my-menu-label">You: {describePerson(self)}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="popover my-menu-popover" id={menuId} onKeyDown={(e) => e.stopPropagation()}>
          <h2 className="popover-heading">How you appear</h2>
          <p className="hint">
            Everyone else sees you as <strong>{describePerson(self)}</strong>. You see yourself as
            “You”.
          </p>
          <form onSubmit={save} noValidate>
            <ProfileFields idPrefix="me" value={draft} onChange={setDraft} />
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <p className="visually-hidden" role="status">
              {saved ? 'Your changes are saved.' : ''}
            </p>
            <div className="button-row">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? 'Saving…' : saved ? 'Saved' : 'Save changes'}
              </button>
              <button type="button" onClick={() => setOpen(false)}>
                Close
              </button>
            </div>
          </form>
          <hr />
          <LicencePicker />
          <hr />
          <p className="hint">Someone else using this device? They can join as themselves.</p>
          <button type="button" onClick={joinAsSomeoneNew}>
            Join as someone new
          </button>
        </div>
      )}
    </div>
  )
}
