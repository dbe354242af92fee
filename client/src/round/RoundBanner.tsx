import { formatTimeLeft } from '../../../shared/sessionState'
import { ROUND_BANNER, ROUND_CANVAS_HINT } from '../../../shared/privateRound'
import { useBoardContext } from '../board/BoardContext'
import { useSecondsLeft } from '../board/useSessionTime'

/**
 * Said to everyone on every device while a private round is open: what they add now is theirs
 * alone until the facilitator shows everyone's, and how long the round has left. Above the
 * canvas, which is still during the round, it opens "Add from a form" (`onAddFromForm`).
 */
export function RoundBanner({ onAddFromForm }: { onAddFromForm?: () => void }) {
  const { session, serverClockOffset } = useBoardContext()
  const left = useSecondsLeft(session?.round, serverClockOffset)
  if (!session?.round || left === null) return null
  return (
    <p className="mode-banner round-banner" data-testid="private-round">
      <span>
        <strong>Private round.</strong> {ROUND_BANNER} {onAddFromForm && `${ROUND_CANVAS_HINT} `}
        {left > 0 ? (
          <span role="timer" aria-label={`${formatTimeLeft(left)} left`}>
            {formatTimeLeft(left)} left.
          </span>
        ) : (
          'Time is up: the facilitator will show everyone’s cards soon.'
        )}
      </span>
      {onAddFromForm && (
        <button type="button" onClick={onAddFromForm}>
          Add from a form
        </button>
      )}
    </p>
  )
}
