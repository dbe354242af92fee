import { useId, useState } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import { HIDE_REASONS } from '../../../shared/hiddenCards'
import { reviewCard } from '../api'
import { useBoardContext } from '../board/BoardContext'
import { formatTime } from '../common/formatWhen'
import { cardName } from './cardWords'

/**
 * "Hidden for review (2)": the cards people took down, for a facilitator to look at, put back
 * for everyone, or remove for good (after a plain confirm step). Who hid a card is not said here:
 * the ledger keeps it, for when that is needed.
 */
export function HiddenForReview({
  editor,
  busy,
  act,
}: {
  editor: Editor
  busy: boolean
  /** Runs a request as Run the session does, saying what happened or what went wrong. */
  act: (action: () => Promise<unknown>, said: string) => void
}) {
  const { boardId, identity, hidden } = useBoardContext()
  const [confirming, setConfirming] = useState<string>()
  const id = useId()
  const cards = useValue(
    'cards hidden for review',
    () =>
      [...hidden].map(([shapeId, card]) => {
        const shape = editor.getShape(shapeId as TLShapeId)
        return { shapeId, card, name: shape ? cardName(editor, shape) : 'a card' }
      }),
    [editor, hidden],
  )

  const decide = (shapeId: string, decision: 'restore' | 'remove', words: string) =>
    act(async () => {
      await reviewCard(boardId, shapeId, decision, identity.token)
      setConfirming(undefined)
    }, words)

  return (
    <section aria-labelledby={`${id}-heading`} className="hidden-for-review">
      <h3 id={`${id}-heading`}>Hidden for review ({cards.length})</h3>
      {cards.length === 0 ? (
        <p className="hint">
          Nothing is hidden. Anyone can hide a card for now if it names someone who is not here or
          could hurt someone; you then decide whether it comes back.
        </p>
      ) : (
        <ul className="hidden-list">
          {cards.map(({ shapeId, card, name }) => (
            <li key={shapeId} data-testid="hidden-card">
              <p>
                <strong>{name.replace(/^the card /, '')}</strong>
                <span className="muted">
                  {' '}
                  · hidden at {formatTime(card.at)}
                  {card.reason && ` · ${HIDE_REASONS.get(card.reason).label}`}
                </span>
              </p>
              {confirming === shapeId ? (
                <div className="confirm" role="group" aria-label={`Remove ${name}?`}>
                  <p>
                    Remove {name} from the board for everyone? This cannot be undone. Who added it
                    stays in the board’s history.
                  </p>
                  <div className="button-row">
                    <button
                      type="button"
                      className="danger"
                      disabled={busy}
                      onClick={() => decide(shapeId, 'remove', `Removed ${name}.`)}
                    >
                      Yes, remove it
                    </button>
                    <button type="button" onClick={() => setConfirming(undefined)}>
                      Keep it hidden
                    </button>
                  </div>
                </div>
              ) : (
                <div className="button-row">
                  <button
                    type="button"
                    onClick={() => {
                      editor.select(shapeId as TLShapeId)
                      editor.zoomToSelectionIfOffscreen(64)
                    }}
                  >
                    Show on the board<span className="visually-hidden"> ({name})</span>
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() =>
                      decide(shapeId, 'restore', `${capitalised(name)} is back for everyone.`)
                    }
                  >
                    Restore<span className="visually-hidden"> {name}</span>
                  </button>
                  <button type="button" disabled={busy} onClick={() => setConfirming(shapeId)}>
                    Remove…<span className="visually-hidden"> {name}</span>
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1)
}
