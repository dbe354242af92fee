import { useId, useState, type FormEvent } from 'react'
import type { Editor, TLRecord } from 'tldraw'
import { DEFAULT_DOTS, MAX_DOTS } from '../../../shared/dotVote'
import { defaultVoteCards } from '../../../shared/voteCards'
import { changeVote } from '../api'
import { useBoardContext } from '../board/BoardContext'
import { CountInput } from '../common/FormFields'
import { useEqualValue } from '../map/useEqualValue'

/**
 * A facilitator's controls for a dot vote, in the session panel: open one on the ideas and
 * barriers (or the cards selected on the board) with a number of dots each, and close it to
 * show the results. `act` runs a request and says how it went, as the panel's other controls do.
 */
export function RunVoteControls({
  editor,
  busy,
  act,
}: {
  editor: Editor
  busy: boolean
  act: (action: () => Promise<unknown>, said: string) => void
}) {
  const { boardId, identity, vote } = useBoardContext()
  const [dots, setDots] = useState(String(DEFAULT_DOTS))
  const [severalPerCard, setSeveralPerCard] = useState(false)
  const [showLive, setShowLive] = useState(false)
  const [which, setWhich] = useState<'default' | 'selected'>('default')
  const id = useId()
  const defaults = useEqualValue(
    'cards to vote on',
    () => defaultVoteCards(Object.values(editor.store.serialize('document')) as TLRecord[]),
    [editor],
  )
  const selected = useEqualValue('selected cards', () => editor.getSelectedShapeIds(), [editor])
  const shapes = which === 'selected' ? selected : defaults

  if (vote && vote.vote.closedAt === null) {
    return (
      <section aria-labelledby={`${id}-vote`}>
        <h3 id={`${id}-vote`}>Vote with dots</h3>
        <p>
          A vote is open on {vote.vote.shapes.length} cards.{' '}
          {vote.voters === 1 ? '1 person has' : `${vote.voters} people have`} voted so far.
        </p>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() =>
            act(
              () => changeVote(boardId, { action: 'close' }, identity.token),
              'The vote is closed. Everyone can see what we prioritised.',
            )
          }
        >
          Close the vote and show the results
        </button>
      </section>
    )
  }
  const open = (e: FormEvent) => {
    e.preventDefault()
    act(
      () =>
        changeVote(
          boardId,
          { action: 'open', shapes, dots: Number(dots), severalPerCard, showLive },
          identity.token,
        ),
      `The vote is open on ${shapes.length} cards.`,
    )
  }
  return (
    <form onSubmit={open} aria-labelledby={`${id}-vote`}>
      <h3 id={`${id}-vote`}>Vote with dots</h3>
      <fieldset>
        <legend>Cards to vote on</legend>
        {(
          [
            ['default', `The ideas and barriers (${defaults.length})`],
            ['selected', `The cards selected on the board (${selected.length})`],
          ] as const
        ).map(([key, label]) => (
          <label key={key} className="form-radio">
            <input
              type="radio"
              name={`${id}-which`}
              checked={which === key}
              onChange={() => setWhich(key)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-dots`}>Dots for each person</label>
      <CountInput id={`${id}-dots`} max={MAX_DOTS} value={dots} onChange={setDots} />
      <label className="form-radio">
        <input
          type="checkbox"
          checked={severalPerCard}
          onChange={(e) => setSeveralPerCard(e.target.checked)}
        />
        People can put more than one dot on a card
      </label>
      <label className="form-radio">
        <input type="checkbox" checked={showLive} onChange={(e) => setShowLive(e.target.checked)} />
        Show the results while people vote
      </label>
      <p className="hint">
        Otherwise the results stay hidden until you close the vote, so early votes do not sway the
        rest.
      </p>
      <button type="submit" disabled={busy || shapes.length === 0}>
        Open the vote
      </button>
    </form>
  )
}
