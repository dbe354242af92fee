import type { ReactNode } from 'react'
import { areaByKey, formatTimeLeft, type SessionTimer } from '../../../shared/sessionState'
import { useBoardContext } from './BoardContext'
import { useSecondsLeft } from './useSessionTime'

/** Whether this device follows the facilitator from area to area, and the way to change it. */
export interface Following {
  readonly on: boolean
  set(on: boolean): void
}

/**
 * Under the top bar, on the canvas and on a phone: the area the group is at and the time left,
 * in server time. When time is up it says so, gently; nothing locks. Whether a facilitator locked
 * the areas (so nobody wonders why one will not move), and whether the board is closed to new
 * people. On the canvas, the way to
 * stop following the facilitator and to follow again, and the way to the dot vote and, for a
 * facilitator, to the session's controls (`run`).
 */
export function SessionBar({ following, run }: { following?: Following; run?: ReactNode }) {
  const { session } = useBoardContext()
  const area = session?.stage ? areaByKey(session.stage.area) : undefined
  if (!area && !session?.timer && !session?.lock && !session?.joiningClosed && !run) return null
  return (
    <div className="session-bar cm" data-testid="session-bar">
      {area && (
        <p>
          <span className="session-bar__label">Now:</span> {area.name}
        </p>
      )}
      <TimeLeft />
      {session?.lock && <p>The areas are locked</p>}
      {session?.joiningClosed && <p>Closed to new people</p>}
      {following && area && (
        <button
          type="button"
          aria-pressed={following.on}
          onClick={() => following.set(!following.on)}
        >
          {following.on ? 'Following the facilitator' : 'Follow the facilitator'}
        </button>
      )}
      {run}
    </div>
  )
}

/**
 * The stage's timer, "4:05 left", in server time, or that time is up; nothing when there is no
 * timer. Screen readers are told once when time is up, not every second it ticks.
 */
export function TimeLeft() {
  const { session, serverClockOffset } = useBoardContext()
  return <TimeLeftOf timer={session?.timer} offset={serverClockOffset} />
}

/** {@link TimeLeft} of `timer`, counted with a clock `offset` ms behind the server's. */
export function TimeLeftOf({
  timer,
  offset,
}: {
  timer: SessionTimer | null | undefined
  offset: number
}) {
  const left = useSecondsLeft(timer, offset)
  if (left === null) return null
  return (
    <>
      {left > 0 ? (
        <p role="timer" className="time-left" aria-label={`${formatTimeLeft(left)} left`}>
          {formatTimeLeft(left)} left
        </p>
      ) : (
        <p className="time-left">Time is up. Finish the thought you are on; nothing is locked.</p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {left === 0 ? 'Time is up.' : ''}
      </p>
    </>
  )
}
