import { useId, useState } from 'react'
import { describePerson } from '../../../shared/credit'
import { facilitatedByLine, facilitatorPhrase } from '../../../shared/facilitatedBy'
import type { PublishedPerson } from '../../../shared/participant'
import { setFacilitating } from '../api'
import { useBoardContext } from './BoardContext'

/**
 * Who runs the session, said apart from who contributed ("Facilitated by Alex · Facilitator"),
 * and, for a facilitator, letting someone else facilitate or taking it back. The server decides
 * who may: these controls only show what it allows and say what it answered.
 */
export function RunningTheSession() {
  const { boardId, people, facilitators, removed, canFacilitate, identity } = useBoardContext()
  const [choice, setChoice] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const selectId = useId()
  const selfId = identity.participant.id
  const running = [...facilitators.keys()].flatMap((id) => people.get(id) ?? [])
  const couldRun = [...people.values()].filter(
    (p) => !facilitators.has(p.id) && !p.withoutDevice && !removed.has(p.id),
  )
  const nameOf = (p: PublishedPerson) => (p.id === selfId ? 'you' : describePerson(p))

  const change = async (participantId: string, facilitates: boolean) => {
    setBusy(true)
    try {
      await setFacilitating(boardId, participantId, facilitates, identity.token)
      setError(undefined)
      setChoice('')
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={`${selectId}-heading`} className="running-the-session">
      <h3 id={`${selectId}-heading`}>Running the session</h3>
      <p data-testid="facilitated-by">
        {facilitatedByLine(running) ?? 'Nobody is running this session.'}
      </p>
      <p className="hint">
        Facilitators move the group through the session. That never makes them the author of what
        anyone added.
      </p>
      {canFacilitate && (
        <>
          {running.length > 1 ? (
            <ul className="people-list" aria-label="Facilitators">
              {running.map((p) => (
                <li key={p.id}>
                  <span className="person-line">
                    {facilitatorPhrase(p)}
                    {p.id === selfId && <span className="muted"> (you)</span>}
                  </span>
                  <button type="button" disabled={busy} onClick={() => change(p.id, false)}>
                    {p.id === selfId ? 'Stop facilitating' : 'Take back'}
                    {p.id !== selfId && (
                      <span className="visually-hidden"> facilitating from {nameOf(p)}</span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">
              A board always needs someone to run it, so make someone else a facilitator before you
              stop.
            </p>
          )}
          {couldRun.length > 0 && (
            <form
              className="make-facilitator"
              onSubmit={(e) => {
                e.preventDefault()
                if (choice) void change(choice, true)
              }}
            >
              <label htmlFor={selectId}>Let someone else facilitate</label>
              <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="">Choose a person</option>
                {couldRun.map((p) => (
                  <option key={p.id} value={p.id}>
                    {describePerson(p)}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={busy || !choice}>
                Make facilitator
              </button>
            </form>
          )}
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
