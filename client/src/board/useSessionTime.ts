import { useEffect, useState } from 'react'
import type { SessionTimer } from '../../../shared/sessionState'
import { secondsLeft } from '../../../shared/sessionState'
import { fetchSession } from '../api'

/**
 * How far this device's clock is behind the server's, in ms, measured once: a timer ends at
 * the same moment on every device, whatever each one's clock says. 0 until measured (or when
 * the server cannot be reached, when the device's own clock is the best there is).
 */
export function useServerClockOffset(boardId: string, token: string): number {
  const [offset, setOffset] = useState(0)
  useEffect(() => {
    let cancelled = false
    const sent = Date.now()
    fetchSession(boardId, token).then(
      ({ now }) => {
        // The server read its clock about halfway through the round trip.
        if (!cancelled) setOffset(now - (sent + Date.now()) / 2)
      },
      () => {},
    )
    return () => {
      cancelled = true
    }
  }, [boardId, token])
  return offset
}

/** Whole seconds left of `timer` in server time, ticking each second; null without a timer. */
export function useSecondsLeft(
  timer: Pick<SessionTimer, 'endsAt'> | null | undefined,
  offset: number,
) {
  const [now, setNow] = useState(() => Date.now())
  const running = timer ? secondsLeft(timer, now + offset) > 0 : false
  useEffect(() => {
    if (!running) return
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(tick)
  }, [running])
  useEffect(() => setNow(Date.now()), [timer])
  return timer ? secondsLeft(timer, now + offset) : null
}
