import { boardPath } from './protocol'

/**
 * Watch links: a facilitator makes a link that lets people see the board live (the `view`
 * capability only) without joining it: nobody behind one is a participant, shows as a person or
 * can change anything. The server stores only a hash of each link's token.
 */

/** A watch link's id: `w_` and 128 random bits, URL-safe base64. */
export const WATCH_LINK_ID_PATTERN = /^w_[A-Za-z0-9_-]{22}$/

/**
 * A watch link's secret: `<link id>.<43 characters>` (32 random bytes). The id lets the server
 * find the link without comparing against every stored hash, as participant tokens do.
 */
export const WATCH_TOKEN_PATTERN = /^(w_[A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/

/** The query parameter of a board's address that carries a watch link's token. */
export const WATCH_QUERY = 'watch'

/** True when `value` is a watch link id (see {@link WATCH_LINK_ID_PATTERN}). */
export function isWatchLinkId(value: unknown): value is string {
  return typeof value === 'string' && WATCH_LINK_ID_PATTERN.test(value)
}

/** The link id a watch token claims to be for, or undefined when it is not a watch token. */
export function watchTokenLinkId(token: string): string | undefined {
  return WATCH_TOKEN_PATTERN.exec(token)?.[1]
}

/** A watch link as a facilitator sees it: who made it and when, and whether it still works. */
export interface WatchLink {
  readonly id: string
  readonly boardId: string
  /** The participant id of the facilitator who made it. */
  readonly createdBy: string
  /** Epoch ms. */
  readonly createdAt: number
  /** When a facilitator revoked it (epoch ms), or null while it works. */
  readonly revokedAt: number | null
  /** Who revoked it, or null. */
  readonly revokedBy: string | null
}

/** Response of `POST /api/boards/:id/watch-links` (201). */
export interface WatchLinkCreated {
  /** The address to share: the board, read-only, with no join dialog. */
  readonly url: string
  /** The token, only ever given out here (the server keeps its hash). */
  readonly token: string
  readonly link: WatchLink
}

/** Response of `GET /api/boards/:id/watch-links` and of a `DELETE`: every link, newest first. */
export interface WatchLinksResponse {
  readonly links: readonly WatchLink[]
}

/** The path that opens a board to watch it with `token`. */
export function watchPath(boardId: string, token: string): string {
  return `${boardPath(boardId)}?${WATCH_QUERY}=${encodeURIComponent(token)}`
}

/** The path of a board's projector display, watching with `token`. */
export function displayPath(boardId: string, token: string): string {
  return `${boardPath(boardId)}/display?${WATCH_QUERY}=${encodeURIComponent(token)}`
}

/** Body of `POST /api/boards/:id/watch-links`: nothing to choose yet, so an empty object. */
export type WatchLinkRequest = Record<string, never>

/** Checks a {@link WatchLinkRequest}. */
export function checkWatchLinkRequest(
  body: unknown,
): { ok: true; value: WatchLinkRequest } | { ok: false; error: string } {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? { ok: true, value: {} }
    : { ok: false, error: 'Send an empty JSON object, {}, to make a watch link.' }
}
