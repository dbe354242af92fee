import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { tokenParticipantId } from '../../shared/participant'
import type { BoardRepository, StoredParticipant } from '../storage/BoardRepository'

/** A new participant id: 128 random bits (shared/participant.ts `PARTICIPANT_ID_PATTERN`). */
export function newParticipantId(): string {
  return `p_${randomBytes(16).toString('base64url')}`
}

/**
 * A new token for a participant: their id and 256 random bits. The id lets the server find
 * whose token it is without comparing against every stored hash.
 */
export function issueToken(participantId: string): string {
  return `${participantId}.${randomBytes(32).toString('base64url')}`
}

/** What storage keeps instead of the token: its SHA-256. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}

/** True when `token` hashes to `stored`, compared in constant time. */
export function matchesHash(stored: Uint8Array, token: string): boolean {
  const presented = hashToken(token)
  const expected = Buffer.from(stored)
  return expected.byteLength === presented.byteLength && timingSafeEqual(expected, presented)
}

/** The outcome of {@link authenticate}. */
export type Authentication =
  | { readonly kind: 'ok'; readonly participant: StoredParticipant }
  /** No token was given. */
  | { readonly kind: 'missing' }
  /** Not a token this server issued (or for someone who has no device, so has no token). */
  | { readonly kind: 'invalid' }
  /** A real token, for a participant of another board. */
  | { readonly kind: 'other-board' }
  /** A real token, for a person a facilitator removed from the board: it opens nothing now. */
  | { readonly kind: 'removed' }

/**
 * Who a token belongs to on `boardId`. The hash comparison runs in constant time, so how long a
 * refusal takes says nothing about how close a guess was.
 */
export async function authenticate(
  repository: BoardRepository,
  boardId: string,
  token: string | null | undefined,
): Promise<Authentication> {
  if (!token) return { kind: 'missing' }
  const participantId = tokenParticipantId(token)
  const participant = participantId ? await repository.getParticipant(participantId) : undefined
  if (!participant?.tokenHash || !matchesHash(participant.tokenHash, token)) {
    return { kind: 'invalid' }
  }
  if (participant.boardId !== boardId) return { kind: 'other-board' }
  // Being removed is having no capabilities left (BoardRepository.removeParticipant).
  if (!participant.capabilities.includes('view')) return { kind: 'removed' }
  return { kind: 'ok', participant }
}

/** The token in an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1]
}
