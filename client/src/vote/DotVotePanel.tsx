import type { PublishedVote } from '../../../shared/dotVote'
import { dotsPlaced } from '../../../shared/dotVote'
import { dotsPhrase, prioritisedWords } from '../../../shared/voteWords'
import { useBoardContext } from '../board/BoardContext'
import { useMyDots } from './useMyDots'
import { VoteResults } from './VoteResults'

/**
 * A dot vote for everyone taking part, on the canvas and in the phone lane alike: the cards in
 * the vote as a list, with big buttons to place a dot and take it back and how many are left;
 * then the results once they are for everyone. `nameOf` names a card by its words.
 */
export function DotVotePanel({ nameOf }: { nameOf: (shapeId: string) => string }) {
  const { boardId, identity, vote } = useBoardContext()
  const myDots = useMyDots(boardId, identity.token, vote)
  if (!vote) return <p>No vote has been opened yet. The facilitator opens one when it is time.</p>
  const closed = vote.vote.closedAt !== null
  const words = prioritisedWords(vote, nameOf)
  return (
    <div className="dot-vote" data-testid="dot-vote">
      {closed ? (
        <p>The vote has closed.</p>
      ) : (
        <PlaceDots vote={vote} nameOf={nameOf} myDots={myDots} />
      )}
      {words ? (
        <VoteResults words={words} closed={closed} />
      ) : (
        <p className="hint">
          The results show when the facilitator closes the vote.{' '}
          {vote.voters === 1 ? '1 person has' : `${vote.voters} people have`} voted so far.
        </p>
      )}
    </div>
  )
}

function PlaceDots({
  vote: { vote },
  nameOf,
  myDots: { mine, busy, error, set },
}: {
  vote: PublishedVote
  nameOf: (shapeId: string) => string
  myDots: ReturnType<typeof useMyDots>
}) {
  if (!mine) return <p role="status">Finding your dots…</p>
  const left = vote.dots - dotsPlaced(mine)
  return (
    <>
      <p>
        Put your dots on the cards that matter most to you.{' '}
        {vote.severalPerCard
          ? 'You can put more than one on a card.'
          : 'You can put one dot on each card.'}
      </p>
      <p className="dots-left" role="status" data-testid="dots-left">
        <span aria-hidden="true">{'●'.repeat(left)}</span> You have {dotsPhrase(left)} left
      </p>
      <ul className="vote-cards">
        {vote.shapes.map((shapeId) => {
          const name = nameOf(shapeId)
          const here = mine[shapeId] ?? 0
          const full = left === 0 || (!vote.severalPerCard && here > 0)
          return (
            <li key={shapeId} className="vote-card" data-testid="vote-card">
              <p>{name}</p>
              <p className="vote-card__mine">
                Your dots here: {here} <span aria-hidden="true">{'●'.repeat(here)}</span>
              </p>
              <div className="button-row">
                <button
                  type="button"
                  disabled={busy || full}
                  onClick={() => set(shapeId, here + 1)}
                >
                  Add a dot<span className="visually-hidden"> to {name}</span>
                </button>
                <button
                  type="button"
                  disabled={busy || here === 0}
                  onClick={() => set(shapeId, here - 1)}
                >
                  Take a dot back<span className="visually-hidden"> from {name}</span>
                </button>
              </div>
            </li>
          )
        })}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}
