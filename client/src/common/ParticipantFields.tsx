import { MAX_NAME_LENGTH } from '../../../shared/limits'
import { ROLES, type RoleId } from '../../../shared/roles'

/** What a person tells a board about themselves: the name others see and the role they bring. */
export interface JoinDetails {
  readonly name: string
  readonly role: RoleId
  readonly roleOther?: string
}

/** What the fields hold while the person fills them in. */
export interface ParticipantDraft {
  readonly name: string
  readonly role?: RoleId
  readonly roleOther: string
}

/** Empty fields. */
export const EMPTY_PARTICIPANT_DRAFT: ParticipantDraft = { name: '', roleOther: '' }

/** The details, or the sentence to show when something is missing. */
export function checkParticipantDraft(
  draft: ParticipantDraft,
): { ok: true; details: JoinDetails } | { ok: false; error: string } {
  if (!draft.name.trim()) {
    return { ok: false, error: 'Please write the name you would like others to see.' }
  }
  if (!draft.role) return { ok: false, error: 'Please choose the role that fits you best.' }
  const roleOther = draft.role === 'other' ? draft.roleOther.trim() : ''
  return {
    ok: true,
    details: { name: draft.name.trim(), role: draft.role, ...(roleOther ? { roleOther } : {}) },
  }
}

/**
 * "Your name" and "What brings you here?": the fields a person fills in to join a board, used
 * by the join dialog and by the start page (where starting a board is also joining it).
 */
export function ParticipantFields({
  idPrefix,
  draft,
  onChange,
  autoFocus = false,
}: {
  idPrefix: string
  draft: ParticipantDraft
  onChange: (draft: ParticipantDraft) => void
  autoFocus?: boolean
}) {
  return (
    <>
      <label htmlFor={`${idPrefix}-name`}>Your name</label>
      <p className="hint" id={`${idPrefix}-name-hint`}>
        This is what others see next to what you add. A first name or a nickname is fine.
      </p>
      <input
        id={`${idPrefix}-name`}
        value={draft.name}
        onChange={(e) => onChange({ ...draft, name: e.target.value })}
        maxLength={MAX_NAME_LENGTH}
        autoComplete="nickname"
        aria-describedby={`${idPrefix}-name-hint`}
        autoFocus={autoFocus}
      />

      <fieldset className="role-fieldset">
        <legend>What brings you here?</legend>
        <p className="hint">
          Choose the one that fits you best. It is about your point of view, not a rank.
        </p>
        {ROLES.map((r) => (
          <label key={r.id} className="role-option">
            <input
              type="radio"
              name={`${idPrefix}-role`}
              value={r.id}
              checked={draft.role === r.id}
              onChange={() => onChange({ ...draft, role: r.id })}
            />
            <span>
              <strong>{r.label}</strong>
              <span className="hint">{r.description}</span>
            </span>
          </label>
        ))}
        {draft.role === 'other' && (
          <div className="role-other">
            <label htmlFor={`${idPrefix}-role-other`}>Say what your role is (optional)</label>
            <input
              id={`${idPrefix}-role-other`}
              value={draft.roleOther}
              onChange={(e) => onChange({ ...draft, roleOther: e.target.value })}
              maxLength={MAX_NAME_LENGTH}
            />
          </div>
        )}
      </fieldset>
    </>
  )
}
