import { useCallback, useEffect, useState } from 'react'
import type { PublishedVote } from '../../../shared/dotVote'
import { castDots, fetchSession } from '../api'

/** This person's dots in the open vote, and the way to change them. */
export interface MyDots {
  /** Their dots by shape id, or undefined until the server has said. */
  readonly mine: Readonly<Record<string, number>> | undefined
  /** Whether a change is on its way to the server. */
  readonly busy: boolean
  /** Why the last change was not kept, in the server's plain words. */
  readonly error: string | undefined
  /** Sets their dots on one card (0 takes them back). */
  set(shapeId: string, dots: number): void
}

/**
 * A person's own dots, which only they and the server know (the `vote` state everyone is sent
 * never holds them): read when a vote opens or this device joins, then from each answer.
 */
export function useMyDots(boardId: string, token: string, vote: PublishedVote | undefined): MyDots {
  const [mine, setMine] = useState<Readonly<Record<string, number>>>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const voteId = vote?.vote.id
  useEffect(() => {
    if (voteId === undefined) return
    let current = true
    fetchSession(boardId, token).then(
      (session) => current && setMine(session.myDots),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    )
    return () => {
      current = false
    }
  }, [boardId, token, voteId])
  const set = useCallback(
    (shapeId: string, dots: number) => {
      setBusy(true)
      castDots(boardId, shapeId, dots, token)
        .then(
          (session) => {
            setMine(session.myDots)
            setError(undefined)
          },
          (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
        )
        .finally(() => setBusy(false))
    },
    [boardId, token],
  )
  return { mine, busy, error, set }
}
