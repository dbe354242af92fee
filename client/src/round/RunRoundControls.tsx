import { useId, useState, type FormEvent } from 'react'
import { DEFAULT_ROUND_MINUTES, MAX_ROUND_MINUTES } from '../../../shared/privateRound'
import { changeRound } from '../api'
import { useBoardContext } from '../board/BoardContext'
import { CountInput } from '../common/FormFields'

/**
 * A facilitator's private writing round ("think on your own first"): start it for some
 * minutes, then show everyone's cards at once. Part of Run the session.
 */
export function RunRoundControls({
  busy,
  act,
}: {
  busy: boolean
  act: (action: () => Promise<unknown>, said: string) => void
}) {
  const { boardId, identity, session } = useBoardContext()
  const [minutes, setMinutes] = useState(String(DEFAULT_ROUND_MINUTES))
  const [invalid, setInvalid] = useState<string>()
  const id = useId()
  const start = (e: FormEvent) => {
    e.preventDefault()
    const whole = Number(minutes)
    if (!Number.isInteger(whole) || whole < 1 || whole > MAX_ROUND_MINUTES) {
      setInvalid(`Please give the round a whole number of minutes, from 1 to ${MAX_ROUND_MINUTES}.`)
      return
    }
    setInvalid(undefined)
    act(
      () => changeRound(boardId, { action: 'start', minutes: whole }, identity.token),
      'The private round has started. Nobody sees what others add until you show everyone’s cards.',
    )
  }
  return (
    <form onSubmit={start} aria-labelledby={`${id}-round`}>
      <h3 id={`${id}-round`}>Private round</h3>
      <p className="hint">
        Everyone thinks on their own first. What each person adds is seen by them alone, not by you
        either, until you show everyone’s cards at once, each with who wrote it.
      </p>
      {session?.round ? (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() =>
            act(
              () => changeRound(boardId, { action: 'reveal' }, identity.token),
              'Everyone’s cards are on the board now.',
            )
          }
        >
          Show everyone’s cards
        </button>
      ) : (
        <>
          <label htmlFor={`${id}-round-minutes`}>Minutes</label>
          <CountInput
            id={`${id}-round-minutes`}
            max={MAX_ROUND_MINUTES}
            value={minutes}
            onChange={setMinutes}
          />
          {invalid && (
            <p className="error" role="alert">
              {invalid}
            </p>
          )}
          <button type="submit" disabled={busy}>
            Start a private round
          </button>
        </>
      )}
    </form>
  )
}
