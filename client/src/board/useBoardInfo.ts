import { useEffect, useState } from 'react'
import { ApiRequestError, fetchBoard } from '../api'
import { rememberBoard, rememberedTitle } from '../common/rememberedBoards'

/** What is known about a board before its canvas opens. */
export type BoardInfoState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'found'; readonly title: string }
  | { readonly kind: 'missing' }
  /** The server cannot be reached and this device has never opened the board. */
  | { readonly kind: 'unreachable'; readonly message: string }

/**
 * Looks the board up on the server. Offline, a board this device opened before still opens
 * under the title it remembers, so people keep working when the wifi drops.
 */
export function useBoardInfo(boardId: string): BoardInfoState {
  const [state, setState] = useState<BoardInfoState>({ kind: 'loading' })
  useEffect(() => {
    let cancelled = false
    fetchBoard(boardId).then(
      (board) => {
        rememberBoard(board)
        if (!cancelled) setState({ kind: 'found', title: board.title })
      },
      (error: unknown) => {
        if (cancelled) return
        if (error instanceof ApiRequestError && error.status === 404)
          return setState({ kind: 'missing' })
        const title = rememberedTitle(boardId)
        if (title !== undefined) return setState({ kind: 'found', title })
        setState({
          kind: 'unreachable',
          message: error instanceof Error ? error.message : String(error),
        })
      },
    )
    return () => {
      cancelled = true
    }
  }, [boardId])
  return state
}
