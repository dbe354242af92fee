import { useCallback, useState } from 'react'
import type { JoinRequest } from '../../../shared/api'
import { joinBoard } from '../api'
import {
  forgetIdentity,
  loadIdentity,
  saveIdentity,
  type RememberedIdentity,
} from '../common/rememberedIdentity'

/** Who this device is on a board, and the ways that changes. */
export interface BoardIdentity {
  /** Undefined until the person has joined (then the join dialog asks). */
  readonly identity: RememberedIdentity | undefined
  /** Why the person is asked to join again (a refused link, say). */
  readonly notice: string | undefined
  /** Joins through the server; rejects with a plain message when that failed. */
  join(request: JoinRequest): Promise<void>
  /** Forgets this device's identity and asks who is joining, saying `why` when there is a reason. */
  joinAgain(why?: string): void
  /** Keeps a changed profile (own, after an edit) on this device. */
  changed(identity: RememberedIdentity): void
}

/**
 * This device's identity on a board, the same for the canvas and the phone lane: remembered in
 * `localStorage` after the first join (or after starting the board), so opening the board again
 * is the same person, with no account.
 */
export function useBoardIdentity(boardId: string): BoardIdentity {
  const [identity, setIdentity] = useState(() => loadIdentity(boardId))
  const [notice, setNotice] = useState<string>()

  const join = useCallback(
    async (request: JoinRequest) => {
      const { participant, token } = await joinBoard(boardId, request)
      if (!token) throw new Error('The server did not give this device a key for the board.')
      const joined: RememberedIdentity = { participant, token }
      saveIdentity(boardId, joined)
      setNotice(undefined)
      setIdentity(joined)
    },
    [boardId],
  )
  const joinAgain = useCallback(
    (why?: string) => {
      forgetIdentity(boardId)
      setNotice(why)
      setIdentity(undefined)
    },
    [boardId],
  )
  const changed = useCallback(
    (next: RememberedIdentity) => {
      saveIdentity(boardId, next)
      setIdentity(next)
    },
    [boardId],
  )
  return { identity, notice, join, joinAgain, changed }
}
