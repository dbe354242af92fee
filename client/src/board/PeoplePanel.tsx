import { useId, useState } from 'react'
import { describePerson } from '../../../shared/credit'
import type { PublishedPerson } from '../../../shared/participant'
import { ROLES, roleLabel, type RoleId } from '../../../shared/roles'
import { formatShare, type VoiceBalance } from '../../../shared/voiceBalance'
import { addPersonWithoutDevice } from '../api'
import { useBoardContext, useCanvasContext, type Highlight } from './BoardContext'
import { PersonBadge } from './PersonBadge'
import { RunningTheSession } from './RunningTheSession'
import { RemoveFromBoard } from '../safety/RemoveFromBoard'
import {
  EMPTY_PROFILE,
  ProfileFields,
  useProfileSubmit,
  type ProfileDraft,
} from '../common/ProfileFields'

const contributionsText = (n: number) => (n === 1 ? '1 contribution' : `${n} contributions`)

/**
 * Who runs the session, everyone on the board and what they contributed, the voice balance by role, showing one
 * person's or one role's contributions on the canvas, and adding things for someone in the room
 * who has no device.
 */
export function PeoplePanel() {
  const { people, identity, voiceBalance, canFacilitate, removed } = useBoardContext()
  const { highlight, setHighlight } = useCanvasContext()
  const selfId = identity.participant.id
  const everyone = [...people.values()].sort(
    (a, b) => b.contributions - a.contributions || a.name.localeCompare(b.name),
  )
  const contributors = everyone.filter((p) => p.contributions > 0)
  // Someone removed stays listed for what they added, and only for that.
  const others = everyone.filter((p) => p.contributions === 0 && !removed.has(p.id))
  const nameOf = (p: PublishedPerson) => (p.id === selfId ? 'You' : describePerson(p))
  const isOn = (h: Highlight) =>
    highlight !== null &&
    highlight.kind === h.kind &&
    (h.kind === 'person'
      ? highlight.kind === 'person' && highlight.participantId === h.participantId
      : highlight.kind === 'role' && highlight.role === h.role)
  const toggle = (h: Highlight) => setHighlight(isOn(h) ? null : h)
  const rolesPresent = ROLES.filter((r) => everyone.some((p) => p.role === r.id))

  return (
    <div className="people-panel">
      <RunningTheSession />
      {canFacilitate && <RemoveFromBoard />}

      <AddingFor />

      <section aria-labelledby="voice-balance-heading">
        <h3 id="voice-balance-heading">Voice balance</h3>
        <VoiceBalanceList balance={voiceBalance} />
      </section>

      <section aria-labelledby="contributors-heading">
        <h3 id="contributors-heading">Who has contributed</h3>
        {contributors.length === 0 ? (
          <p className="hint">Nobody has added anything yet.</p>
        ) : (
          <ul className="people-list" data-testid="contributors">
            {contributors.map((p) => (
              <li key={p.id}>
                <PersonBadge person={p} />
                <span className="person-line">
                  <strong>{nameOf(p)}</strong>
                  {p.withoutDevice && <span className="muted"> · no device</span>}
                  {removed.has(p.id) && <span className="muted"> · removed from the board</span>}
                  <span className="muted"> · {contributionsText(p.contributions)}</span>
                </span>
                <button
                  type="button"
                  aria-pressed={isOn({ kind: 'person', participantId: p.id })}
                  onClick={() => toggle({ kind: 'person', participantId: p.id })}
                >
                  {isOn({ kind: 'person', participantId: p.id }) ? 'Showing' : 'Show'}
                  <span className="visually-hidden"> contributions of {nameOf(p)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {others.length > 0 && (
          <p className="hint">Not added anything yet: {others.map(nameOf).join(', ')}.</p>
        )}
      </section>

      {rolesPresent.length > 0 && (
        <section aria-labelledby="roles-heading">
          <h3 id="roles-heading">Show by role</h3>
          <ul className="role-buttons">
            {rolesPresent.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  aria-pressed={isOn({ kind: 'role', role: r.id })}
                  onClick={() => toggle({ kind: 'role', role: r.id })}
                >
                  {isOn({ kind: 'role', role: r.id }) ? '✓ ' : ''}
                  {r.label}
                </button>
              </li>
            ))}
          </ul>
          <p className="hint">People who chose not to be named are not shown by role.</p>
        </section>
      )}
    </div>
  )
}

/**
 * "Lived experience — 40% of people, 18% of ideas", never individuals. People who chose not to
 * be named are in no role group: "2 people not named".
 */
function VoiceBalanceList({ balance }: { balance: VoiceBalance | undefined }) {
  if (!balance || (balance.people === 0 && !balance.notNamed)) {
    return <p className="hint">Nobody has joined yet.</p>
  }
  const notNamed = balance.notNamed
  const notNamedLine = notNamed && (
    <li>
      <strong>{peopleNotNamed(notNamed.count)}</strong>
      {' — '}
      {notNamed.figures?.peopleShare != null
        ? shares(notNamed.figures.peopleShare, notNamed.figures.contributionShare ?? 0)
        : 'in no role group, and not counted in these shares while fewer than 3'}
    </li>
  )
  if (balance.roles.every((r) => !r.shown)) {
    return (
      <div data-testid="voice-balance">
        <p className="hint">
          Every role has fewer than 3 people so far, so no figures are shown: with so few, anyone
          could be picked out. They appear as more people join.
        </p>
        {notNamedLine && <ul className="voice-balance">{notNamedLine}</ul>}
      </div>
    )
  }
  return (
    <>
      <ul className="voice-balance" data-testid="voice-balance">
        {balance.roles.map((r) => (
          <li key={r.role}>
            <strong>{roleLabel(r.role as RoleId)}</strong>
            {' — '}
            {r.shown && r.peopleShare !== null && r.contributionShare !== null
              ? shares(r.peopleShare, r.contributionShare)
              : 'fewer than 3 people, so not shown on its own'}
          </li>
        ))}
        {balance.smallGroups && balance.smallGroups.peopleShare !== null && (
          <li>
            <strong>Smaller groups together</strong>
            {' — '}
            {shares(balance.smallGroups.peopleShare, balance.smallGroups.contributionShare ?? 0)}
          </li>
        )}
        {notNamedLine}
      </ul>
      <p className="hint">
        Shares by role only. Groups of fewer than three people are not shown on their own, and
        people who chose not to be named are in no role group, so nobody can be picked out.
      </p>
    </>
  )
}

const shares = (people: number, ideas: number) =>
  `${formatShare(people)} of people, ${formatShare(ideas)} of ideas`

const peopleNotNamed = (count: number) =>
  count === 1 ? '1 person not named' : `${count} people not named`

/**
 * "Adding for: Sam": credit what this device adds to someone in the room without a device.
 * The server checks the choice and records both names in the ledger.
 */
function AddingFor() {
  const { boardId, people, identity, writingFor, writingForReply } = useBoardContext()
  const [adding, setAdding] = useState(false)
  const [draft, setDraft] = useState<ProfileDraft>(EMPTY_PROFILE)
  const selectId = useId()
  const withoutDevice = [...people.values()].filter((p) => p.withoutDevice)
  const current = writingForReply.for
  const currentPerson = current ? people.get(current) : undefined

  const {
    busy,
    error,
    submit: add,
  } = useProfileSubmit(draft, 'them', async (request) => {
    const { participant } = await addPersonWithoutDevice(boardId, request, identity.token)
    writingFor.set(participant.id)
    setAdding(false)
    setDraft(EMPTY_PROFILE)
  })

  return (
    <section aria-labelledby={`${selectId}-heading`} className="adding-for">
      <h3 id={`${selectId}-heading`}>Adding for</h3>
      <p className="adding-for-status" role="status" data-testid="adding-for-status">
        {currentPerson
          ? `Adding for: ${describePerson(currentPerson)}. What you add is credited to them, written down by you.`
          : 'Adding for: yourself.'}
      </p>
      {writingForReply.error && (
        <p className="error" role="alert">
          {writingForReply.error}
        </p>
      )}
      <label htmlFor={selectId}>Who is this idea from?</label>
      <select
        id={selectId}
        value={current ?? ''}
        onChange={(e) => writingFor.set(e.target.value || null)}
      >
        <option value="">Myself</option>
        {withoutDevice.map((p) => (
          <option key={p.id} value={p.id}>
            {describePerson(p)}
          </option>
        ))}
      </select>
      {!adding ? (
        <button type="button" onClick={() => setAdding(true)}>
          Add someone without a device
        </button>
      ) : (
        <form onSubmit={add} noValidate className="add-person-form">
          <h3>Add someone without a device</h3>
          <p className="hint">
            For someone in the room who is taking part without a phone or laptop. You can then add
            their ideas for them.
          </p>
          <ProfileFields idPrefix="add-person" value={draft} onChange={setDraft} about="them" />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Adding…' : 'Add this person'}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
