/**
 * What a connection to a board may do, decided and enforced by the server (never by a label a
 * person chose: the role "Facilitator" describes someone and grants nothing).
 *
 * - `view`: read the board and its server state, show presence (a cursor, "who is here");
 * - `edit`: change the board (document updates); without it the server drops them;
 * - `facilitate`: run the session (stages, timer, rounds, votes, locks, watch links).
 */
export const CAPABILITIES = ['view', 'edit', 'facilitate'] as const

/** One of {@link CAPABILITIES}. */
export type Capability = (typeof CAPABILITIES)[number]

/** True when `value` is one of {@link CAPABILITIES}. */
export function isCapability(value: unknown): value is Capability {
  return typeof value === 'string' && (CAPABILITIES as readonly string[]).includes(value)
}

/** What a participant who joined with a board's link may do. */
export const PARTICIPANT_CAPABILITIES: readonly Capability[] = ['view', 'edit']

/** What whoever starts a board may do: take part and run the session. */
export const CREATOR_CAPABILITIES: readonly Capability[] = ['view', 'edit', 'facilitate']

/** `capabilities` with `facilitate` given (`facilitates`) or taken back, in {@link CAPABILITIES} order. */
export function withFacilitating(
  capabilities: readonly Capability[],
  facilitates: boolean,
): Capability[] {
  return CAPABILITIES.filter((capability) =>
    capability === 'facilitate' ? facilitates : capabilities.includes(capability),
  )
}
