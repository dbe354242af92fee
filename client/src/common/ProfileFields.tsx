import { useState, type FormEvent } from 'react'
import { CREDIT_OPTIONS, type CreditLevel } from '../../../shared/credit'
import { ROLES, type RoleId } from '../../../shared/roles'

/** A person's profile as a form edits it. */
export interface ProfileDraft {
  readonly name: string
  readonly role: RoleId | undefined
  readonly roleOther: string
  readonly credit: CreditLevel | undefined
  readonly pseudonym: string
}

/** An empty draft, for joining. */
export const EMPTY_PROFILE: ProfileDraft = {
  name: '',
  role: undefined,
  roleOther: '',
  credit: undefined,
  pseudonym: '',
}

/**
 * The fields for a name, a role and how to be credited, with a plain explanation of each credit
 * choice (who will see what). Used to join, to change one's own profile, and to add someone
 * without a device (`about: 'them'` words it for the person being added).
 */
export function ProfileFields({
  idPrefix,
  value,
  onChange,
  about = 'you',
}: {
  idPrefix: string
  value: ProfileDraft
  onChange: (value: ProfileDraft) => void
  about?: 'you' | 'them'
}) {
  const you = about === 'you'
  const set = (change: Partial<ProfileDraft>) => onChange({ ...value, ...change })
  return (
    <>
      <label htmlFor={`${idPrefix}-name`}>{you ? 'Your name' : 'Their name'}</label>
      <p className="hint" id={`${idPrefix}-name-hint`}>
        {you
          ? 'Only you and the server see it, unless you choose below to show it.'
          : 'Only you and the server see it, unless they choose below to show it.'}
      </p>
      <input
        id={`${idPrefix}-name`}
        value={value.name}
        onChange={(e) => set({ name: e.target.value })}
        autoComplete={you ? 'name' : 'off'}
        aria-describedby={`${idPrefix}-name-hint`}
      />

      <fieldset>
        <legend>{you ? 'What brings you here?' : 'What brings them here?'}</legend>
        <p className="hint">It is about a point of view, not a rank.</p>
        {ROLES.map((r) => (
          <label key={r.id} className="role-option">
            <input
              type="radio"
              name={`${idPrefix}-role`}
              value={r.id}
              checked={value.role === r.id}
              onChange={() => set({ role: r.id })}
            />
            <span>
              <strong>{r.label}</strong>
              <span className="hint">{r.description}</span>
            </span>
          </label>
        ))}
        {value.role === 'other' && (
          <div className="role-other">
            <label htmlFor={`${idPrefix}-role-other`}>Say what the role is (optional)</label>
            <input
              id={`${idPrefix}-role-other`}
              value={value.roleOther}
              onChange={(e) => set({ roleOther: e.target.value })}
            />
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>{you ? 'How should others see you?' : 'How should others see them?'}</legend>
        <p className="hint">
          This is shown next to everything {you ? 'you add' : 'they add'}.{' '}
          {you ? 'You can change it at any time.' : 'It can be changed at any time.'}
        </p>
        {CREDIT_OPTIONS.map((option) => (
          <label key={option.id} className="role-option">
            <input
              type="radio"
              name={`${idPrefix}-credit`}
              value={option.id}
              checked={value.credit === option.id}
              onChange={() => set({ credit: option.id })}
            />
            <span>
              <strong>{you ? option.label : option.label.replace(/\bMy\b/, 'Their')}</strong>
              <span className="hint">{option.explanation}</span>
            </span>
          </label>
        ))}
        {value.credit === 'pseudonym' && (
          <div className="role-other">
            <label htmlFor={`${idPrefix}-pseudonym`}>The made-up name to show</label>
            <input
              id={`${idPrefix}-pseudonym`}
              value={value.pseudonym}
              onChange={(e) => set({ pseudonym: e.target.value })}
              placeholder="For example: Blue Heron"
            />
          </div>
        )}
      </fieldset>
    </>
  )
}

/** The first thing missing from a draft, in plain words, or undefined when it is complete. */
export function missingFromProfile(
  draft: ProfileDraft,
  about: 'you' | 'them' = 'you',
): string | undefined {
  const you = about === 'you'
  if (!draft.name.trim()) return you ? 'Please write your name.' : 'Please write their name.'
  if (!draft.role)
    return you ? 'Please choose the role that fits you best.' : 'Please choose their role.'
  if (!draft.credit) return 'Please choose how others should see the name.'
  if (draft.credit === 'pseudonym' && !draft.pseudonym.trim()) {
    return 'Please write the made-up name to show.'
  }
  return undefined
}

/** A complete draft as an API join request (see missingFromProfile). */
export function joinRequestOf(draft: ProfileDraft) {
  if (!draft.role || !draft.credit) throw new Error('The profile is not complete')
  return {
    name: draft.name.trim(),
    role: draft.role,
    credit: draft.credit,
    ...(draft.role === 'other' && draft.roleOther.trim()
      ? { roleOther: draft.roleOther.trim() }
      : {}),
    ...(draft.credit === 'pseudonym' ? { pseudonym: draft.pseudonym.trim() } : {}),
  }
}

/**
 * Submitting a profile form: checks the draft is complete, runs `action` with it, and keeps
 * the busy state and the plain-language error to show. `action` rejects with that message.
 */
export function useProfileSubmit(
  draft: ProfileDraft,
  about: 'you' | 'them',
  action: (request: ReturnType<typeof joinRequestOf>) => Promise<void>,
) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  async function submit(event: FormEvent) {
    event.preventDefault()
    const missing = missingFromProfile(draft, about)
    if (missing) return setError(missing)
    setBusy(true)
    setError(undefined)
    try {
      await action(joinRequestOf(draft))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, setError, submit }
}
