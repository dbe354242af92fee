import { useState, type FormEvent } from 'react'
import { PRIVATE_CARD_NOTE, type PrivateCardShape } from '../../../shared/privateRound'
import { TextField } from '../common/FormFields'
import { privateCardWords, withPrivateCardWords } from './privateCardWords'
import type { PrivateCards } from './usePrivateCards'

/**
 * This person's own cards in the open private round, each marked as seen by them alone, which
 * they can change or take back until the facilitator shows everyone's. Nothing while no round
 * is open.
 */
export function PrivateCardList({ round }: { round: PrivateCards }) {
  const [editing, setEditing] = useState<string>()
  const [said, setSaid] = useState('')
  if (!round.open) return null
  const act = async (action: () => Promise<void>, done: string) => {
    try {
      await action()
      setSaid(done)
    } catch (e) {
      setSaid(`Not kept: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return (
    <section className="private-cards" aria-labelledby="private-cards-heading">
      <h2 id="private-cards-heading">Your cards in this round</h2>
      <p className="hint">{PRIVATE_CARD_NOTE}</p>
      {round.error && <p className="error">{round.error}</p>}
      {round.cards.length === 0 ? (
        <p>You have not added anything in this round yet.</p>
      ) : (
        <ul className="private-cards__list">
          {round.cards.map((card) => (
            <li key={card.id} className="private-card" data-testid="private-card">
              {editing === card.id ? (
                <ChangeCard
                  card={card}
                  onCancel={() => setEditing(undefined)}
                  onSave={(words) => {
                    setEditing(undefined)
                    void act(() => round.save(withPrivateCardWords(card, words)), 'Changed.')
                  }}
                />
              ) : (
                <>
                  <p className="private-card__words">
                    <span className="private-card__badge">Only you</span>
                    <span className="visually-hidden">: </span>
                    {privateCardWords(card) || 'No words yet'}
                  </p>
                  <div className="button-row">
                    <button type="button" onClick={() => setEditing(card.id)}>
                      Change<span className="visually-hidden"> this card</span>
                    </button>
                    <button
                      type="button"
                      onClick={() => void act(() => round.remove(card.id), 'Taken back.')}
                    >
                      Take back<span className="visually-hidden"> this card</span>
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status">{said}</p>
    </section>
  )
}

function ChangeCard({
  card,
  onSave,
  onCancel,
}: {
  card: PrivateCardShape
  onSave: (words: string) => void
  onCancel: () => void
}) {
  const [words, setWords] = useState(privateCardWords(card))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSave(words.trim())
  }
  return (
    <form onSubmit={submit}>
      <TextField
        label="What your card says"
        value={words}
        onChange={setWords}
        multiline={card.type !== 'service'}
      />
      <div className="button-row">
        <button type="submit" className="primary">
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
