import { useId, useState } from 'react'
import { describePerson } from '../../../shared/credit'
import { removeParticipant } from '../api'
import { useBoardContext } from '../board/BoardContext'

/**
 * For a facilitator: "Remove from the board…" someone who disrupts, after a confirm step that
 * says what happens in plain words. Their link stops working and their page closes the board;
 * what they added stays, credited as they chose. Nobody removes themselves from here.
 */
export function RemoveFromBoard() {
  const { boardId, identity, people, removed } = useBoardContext()
  const [choice, setChoice] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [said, setSaid] = useState('')
  const [error, setError] = useState<string>()
  const id = useId()
  const others = [...people.values()].filter(
    (p) => p.id !== identity.participant.id && !removed.has(p.id),
  )
  const chosen = people.get(choice)
  if (others.length === 0) return null

  const remove = async () => {
    if (!chosen) return
    setBusy(true)
    try {
      await removeParticipant(boardId, chosen.id, identity.token)
      setSaid(`${describePerson(chosen)} was removed from the board.`)
      setError(undefined)
      setChoice('')
      setConfirming(false)
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="remove-from-board">
      <h3 id={`${id}-heading`}>Remove someone</h3>
      {confirming && chosen ? (
        <div className="confirm" role="group" aria-labelledby={`${id}-question`}>
          <p id={`${id}-question`}>
            Remove <strong>{describePerson(chosen)}</strong> from the board? Their link stops
            working and the board closes on their screen now. What they added stays, credited as
            they chose.
          </p>
          <div className="button-row">
            <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
              Yes, remove them
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (chosen) setConfirming(true)
          }}
        >
          <label htmlFor={`${id}-person`}>Person</label>
          <select id={`${id}-person`} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose a person</option>
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {describePerson(p)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!chosen}>
            Remove from the board…
          </button>
        </form>
      )}
      <p role="status">{said}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
