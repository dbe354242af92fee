import { useId, useState, type FormEvent } from 'react'
import type { Editor } from 'tldraw'
import { SESSION_AREAS } from '../../../shared/sessionAreas'
import { MAX_TIMER_SECONDS, areaByKey } from '../../../shared/sessionState'
import { bringEveryone, lockLayout, moveStage, setTimer } from '../api'
import { CountInput } from '../common/FormFields'
import { RunRoundControls } from '../round/RunRoundControls'
import { HiddenForReview } from '../safety/HiddenForReview'
import { JoiningControl } from '../safety/JoiningControl'
import { RunVoteControls } from '../vote/RunVoteControls'
import { useBoardContext } from './BoardContext'
import { WatchLinksSection } from './WatchLinksSection'

const MAX_MINUTES = MAX_TIMER_SECONDS / 60

/**
 * A facilitator's controls for the session: move everyone to an area, start and stop the
 * stage's timer, bring everyone to what this canvas shows, lock the areas, run a private
 * writing round, open and close a dot vote, make and stop watch links (and open the projector
 * display), close the board to new people; first, the cards hidden for review. The server
 * checks that this person may, and says so plainly if not.
 */
export function RunSessionPanel({ editor }: { editor: Editor }) {
  const { boardId, identity, session } = useBoardContext()
  const [area, setArea] = useState(session?.stage?.area ?? SESSION_AREAS[0]!.key)
  const [minutes, setMinutes] = useState('5')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [done, setDone] = useState<string>()
  const id = useId()

  const act = async (action: () => Promise<unknown>, said: string) => {
    setBusy(true)
    try {
      await action()
      setError(undefined)
      setDone(said)
    } catch (e) {
      setDone(undefined)
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  const move = (e: FormEvent) => {
    e.preventDefault()
    void act(
      () => moveStage(boardId, area, identity.token),
      `Everyone following is now at ${areaByKey(area)?.name ?? area}.`,
    )
  }
  const start = (e: FormEvent) => {
    e.preventDefault()
    const whole = Number(minutes)
    if (!Number.isInteger(whole) || whole < 1 || whole > MAX_MINUTES) {
      setDone(undefined)
      setError(`Please give the time as a whole number of minutes, from 1 to ${MAX_MINUTES}.`)
      return
    }
    void act(() => setTimer(boardId, whole * 60, identity.token), `The timer is running.`)
  }

  return (
    <div className="run-session">
      <HiddenForReview editor={editor} busy={busy} act={(action, said) => void act(action, said)} />
      <p className="hint">
        These steer the session for everyone. They are kept in the board’s history as running the
        session, never as anyone’s ideas.
      </p>
      <form onSubmit={move} aria-labelledby={`${id}-stage`}>
        <h3 id={`${id}-stage`}>Stage</h3>
        <label htmlFor={`${id}-area`}>Area to work on now</label>
        <select id={`${id}-area`} value={area} onChange={(e) => setArea(e.target.value)}>
          {SESSION_AREAS.map((a) => (
            <option key={a.key} value={a.key}>
              {a.name}
            </option>
          ))}
        </select>
        <p className="hint">
          Everyone who is following is taken there, and phones show its prompt.
        </p>
        <button type="submit" className="primary" disabled={busy}>
          Take everyone there
        </button>
      </form>
      <form onSubmit={start} aria-labelledby={`${id}-timer`}>
        <h3 id={`${id}-timer`}>Timer</h3>
        <label htmlFor={`${id}-minutes`}>Minutes</label>
        <CountInput id={`${id}-minutes`} max={MAX_MINUTES} value={minutes} onChange={setMinutes} />
        <p className="hint">
          Everyone sees the time left. When it is up nothing locks: people can finish what they are
          writing.
        </p>
        <div className="button-row">
          <button type="submit" disabled={busy}>
            Start the timer
          </button>
          {session?.timer && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void act(() => setTimer(boardId, 0, identity.token), 'The timer is stopped.')
              }
            >
              Stop the timer
            </button>
          )}
        </div>
      </form>
      <h3>Bring everyone here</h3>
      <p className="hint">
        Takes everyone to what you can see now, whether they are following or not. They can look
        around again straight after.
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          const { x, y, w, h } = editor.getViewportPageBounds()
          void act(
            () => bringEveryone(boardId, { x, y, w, h }, identity.token),
            'Everyone was brought to what you can see.',
          )
        }}
      >
        Bring everyone here
      </button>
      <h3>Areas</h3>
      <p className="hint">
        {session?.lock
          ? 'The areas and their questions are locked: only facilitators can move, change or delete them. Cards inside them are not locked.'
          : 'Lock the areas and their questions so nobody moves or deletes them by accident. Cards inside them stay free.'}
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          const locked = !session?.lock
          void act(
            () => lockLayout(boardId, locked, identity.token),
            locked ? 'The areas are locked.' : 'The areas are unlocked.',
          )
        }}
      >
        {session?.lock ? 'Unlock the areas' : 'Lock the areas'}
      </button>
      <JoiningControl busy={busy} act={(action, said) => void act(action, said)} />
      <RunRoundControls busy={busy} act={(action, said) => void act(action, said)} />
      <RunVoteControls editor={editor} busy={busy} act={(action, said) => void act(action, said)} />
      <WatchLinksSection busy={busy} act={(action, said) => void act(action, said)} />
      <p role="status">{done}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
