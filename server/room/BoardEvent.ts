/**
 * A change to a board that was stored outside its room (an HTTP request, and later another
 * process), which the room's plug-ins bring in by reading storage again. Plain data, so it can
 * travel between processes. The room queues events that arrive while it restores and hands them
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
