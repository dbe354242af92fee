/**
 * The fields of a Commonmap client's awareness state. Every client reads the others' fields, so
 * these names are shared by all versions that can meet on one board.
 */
export const AwarenessField = {
  /** tldraw's `instance_presence` record for this tab: cursor, selection, viewport. */
  presence: 'presence',
  /** Who this tab belongs to: a `Participant` from shared/participant.ts. */
  participant: 'participant',
} as const
