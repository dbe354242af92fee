import { boardIdInPath } from '../../../shared/protocol'
import { WATCH_QUERY } from '../../../shared/watchLinks'

/** A page that watches a board with a watch link, as its address says. */
export interface WatchAddress {
  /** What stands where the board id goes (it may not be a valid id). */
  readonly boardId: string
  /** The watch link's token, or null when the address has none. */
  readonly token: string | null
  /** True for the projector display (`/b/<id>/display`), false for the board to watch. */
  readonly display: boolean
}

/**
 * The watch page an address opens: `/b/<id>?watch=<token>` (the board, read-only) or
 * `/b/<id>/display?watch=<token>` (the projector display); undefined for any other page.
 */
export function watchAddressOf(pathname: string, search: string): WatchAddress | undefined {
  const token = new URLSearchParams(search).get(WATCH_QUERY)
  const display = /^\/b\/([^/]+)\/display\/?$/.exec(pathname)?.[1]
  if (display !== undefined) return { boardId: display, token, display: true }
  const boardId = boardIdInPath(pathname)
  if (boardId !== undefined && token !== null) return { boardId, token, display: false }
  return undefined
}
