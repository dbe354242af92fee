import { useCallback, useEffect, useState } from 'react'
import type { PrivateCardShape } from '../../../shared/privateRound'
import type { SessionState } from '../../../shared/sessionState'
import { deletePrivateCard, fetchPrivateCards, savePrivateCard } from '../api'

/** This person's own cards in the open private round, and how to change them. */
export interface PrivateCards {
  /** True while a facilitator has a private round open. */
  readonly open: boolean
  /** Their own cards in it, as the server keeps them (nobody else's ever reach this device). */
  readonly cards: readonly PrivateCardShape[]
  /** Why their cards could not be read, in a plain sentence, or undefined. */
  readonly error: string | undefined
  /** Keeps a new or changed card; rejects with a plain sentence when it was not kept. */
  save(card: PrivateCardShape): Promise<void>
  /** Takes one of their cards back; rejects with a plain sentence when it could not. */
  remove(shapeId: string): Promise<void>
}

/**
 * This person's private round: whether one is open (`session`, the server state) and their own
 * cards in it, read from the server when a round starts (so they survive a reload, another
 * device or a restart) and kept as the server answers each change.
 */
export function usePrivateCards(
  boardId: string,
  token: string,
  session: SessionState | undefined,
): PrivateCards {
  const roundAt = session?.round?.startedAt
  const [cards, setCards] = useState<readonly PrivateCardShape[]>([])
  const [error, setError] = useState<string>()
  useEffect(() => {
    setCards([])
    setError(undefined)
    if (roundAt === undefined) return
    let cancelled = false
    fetchPrivateCards(boardId, token).then(
      (mine) => {
        if (!cancelled) setCards(mine.cards)
      },
      (e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e))
      },
    )
    return () => {
      cancelled = true
    }
  }, [boardId, token, roundAt])
  const save = useCallback(
    async (card: PrivateCardShape) => setCards((await savePrivateCard(boardId, card, token)).cards),
    [boardId, token],
  )
  const remove = useCallback(
    async (shapeId: string) => setCards((await deletePrivateCard(boardId, shapeId, token)).cards),
    [boardId, token],
  )
  return { open: roundAt !== undefined, cards, error, save, remove }
}
