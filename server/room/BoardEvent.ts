/**
 * A change to a board that was stored outside its room (an HTTP request, here or in another
 * process of a cluster), which the room's plug-ins bring in by reading storage again. Plain
 * data, so it travels between processes (server/storage/postgres/PostgresBoardEvents.ts). The room queues events that arrive while it restores and hands them
 * to its plug-ins, in order, once it has.
 */
export type BoardEvent =
  /** A participant joined, or changed their name, role or credit choice. */
  | { readonly type: 'participant-changed'; readonly participantId: string }
  /** Someone chose the board's licence. */
  | { readonly type: 'licence-changed' }
  /** A facilitator changed the session (its stage or timer). */
  | { readonly type: 'session-changed' }
  /** A facilitator opened or closed a dot vote, or someone placed or took back a dot. */
  | { readonly type: 'vote-changed' }
  /** A facilitator revoked a watch link: connections that opened with it must go. */
  | { readonly type: 'watch-link-revoked'; readonly linkId: string }
  /** Someone took a card down for review, or a facilitator restored or removed one. */
  | { readonly type: 'hidden-changed' }

/** The board event `value` is, or undefined: for events that arrive from another process. */
export function asBoardEvent(value: unknown): BoardEvent | undefined {
  const event = value as Partial<Record<string, unknown>> | null
  if (typeof event !== 'object' || event === null) return undefined
  if (event.type === 'licence-changed') return { type: 'licence-changed' }
  if (event.type === 'session-changed') return { type: 'session-changed' }
  if (event.type === 'vote-changed') return { type: 'vote-changed' }
  if (event.type === 'watch-link-revoked' && typeof event.linkId === 'string') {
    return { type: 'watch-link-revoked', linkId: event.linkId }
  }
  if (event.type === 'hidden-changed') return { type: 'hidden-changed' }
  if (event.type === 'participant-changed' && typeof event.participantId === 'string') {
    return { type: 'participant-changed', participantId: event.participantId }
  }
  return undefined
}
