import { randomBytes } from 'node:crypto'
import { watchTokenLinkId } from '../../shared/watchLinks'
import type { BoardRepository, StoredWatchLink } from '../storage/BoardRepository'
import { matchesHash } from './participantTokens'

/** A new watch link id: 128 random bits (shared/watchLinks.ts `WATCH_LINK_ID_PATTERN`). */
export function newWatchLinkId(): string {
  return `w_${randomBytes(16).toString('base64url')}`
}

/** A new token for a watch link: its id and 256 random bits. */
export function issueWatchToken(linkId: string): string {
  return `${linkId}.${randomBytes(32).toString('base64url')}`
}

/** True when `token` has the shape of a watch link's token (not a participant's). */
export function isWatchToken(token: string | null | undefined): token is string {
  return Boolean(token && watchTokenLinkId(token))
}

/** The outcome of {@link authenticateWatch}. */
export type WatchAuthentication =
  | { readonly kind: 'ok'; readonly link: StoredWatchLink }
  /** Not a watch token this server issued. */
  | { readonly kind: 'invalid' }
  /** A real watch token, for another board. */
  | { readonly kind: 'other-board' }
  /** A real watch token for this board, whose link a facilitator revoked. */
  | { readonly kind: 'revoked' }

/** Which watch link a token opens on `boardId`, compared in constant time like a participant's. */
export async function authenticateWatch(
  repository: BoardRepository,
  boardId: string,
  token: string,
): Promise<WatchAuthentication> {
  const linkId = watchTokenLinkId(token)
  const link = linkId ? await repository.getWatchLink(linkId) : undefined
  if (!link || !matchesHash(link.tokenHash, token)) return { kind: 'invalid' }
  if (link.boardId !== boardId) return { kind: 'other-board' }
  if (link.revokedAt !== null) return { kind: 'revoked' }
  return { kind: 'ok', link }
}
