import { useId } from 'react'
import type { PrioritisedWords } from '../../../shared/voteWords'

/**
 * The results of a vote, most dots first: each card's dots and how each role group voted, then
 * where people with lived experience and professionals spread their dots differently. The
 * groups and what is left unsaid follow the voice balance (shared/dotVote.ts).
 */
export function VoteResults({ words, closed }: { words: PrioritisedWords; closed: boolean }) {
  const id = useId()
  return (
    <section className="vote-results" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{closed ? 'What we prioritised' : 'The votes so far'}</h3>
      <ol>
        {words.cards.map((card) => (
          <li key={card.shapeId} data-testid="vote-result">
            <p>
              <strong>{card.name}</strong>: {card.total}
            </p>
            {card.split.length > 0 && (
              <ul aria-label={`How each group voted for ${card.name}`}>
                {card.split.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <h4>Where people with lived experience and professionals differed</h4>
      {words.differences === null ? (
        <p className="hint">
          This needs at least three people with lived experience or carers and three practitioners
          or managers to have voted, so that nobody’s dots can be picked out.
        </p>
      ) : words.differences.length === 0 ? (
        <p>They spread their dots the same way.</p>
      ) : (
        <ul>
          {words.differences.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  )
}
