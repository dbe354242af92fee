import { setJoining } from '../api'
import { useBoardContext } from '../board/BoardContext'

/**
 * A facilitator closes the board to new people (everyone on it keeps working) or opens it
 * again. Through the Run the session panel's `act`, which says what happened or what went wrong.
 */
export function JoiningControl({
  busy,
  act,
}: {
  busy: boolean
  act: (action: () => Promise<unknown>, said: string) => void
}) {
  const { boardId, identity, session } = useBoardContext()
  const closed = Boolean(session?.joiningClosed)
  return (
    <>
      <h3>New people</h3>
      <p className="hint">
        {closed
          ? 'The board is closed to new people: the link does not let anyone new join. Everyone already here keeps working.'
          : 'Anyone with the link can join. Close the board to new people once everyone is in, or if someone you removed tries to come back.'}
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          act(
            () => setJoining(boardId, closed, identity.token),
            closed ? 'New people can join again.' : 'The board is closed to new people.',
          )
        }
      >
        {closed ? 'Open to new people' : 'Close to new people'}
      </button>
    </>
  )
}
