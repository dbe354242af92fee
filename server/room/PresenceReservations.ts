/**
 * Presence ids whose connection has gone, kept for the participant who had them until the
 * awareness timeout has passed. Without this, anyone could claim the id in the gap while its
 * owner reconnects, and the owner would vanish from everyone's view (their state is refused as
 * someone else's). `participantId` is null or undefined for connections without a participant (a room
 * without plug-ins); those can reclaim each other's ids, as they cannot be told apart.
 */
export class PresenceReservations {
  private readonly held = new Map<
    number,
    { participantId: string | null | undefined; until: number }
  >()

  constructor(private readonly timeoutMs: number) {}

  /** Keeps `clientIds` for `participantId` until the timeout from `now`. */
  reserve(
    clientIds: Iterable<number>,
    participantId: string | null | undefined,
    now: number,
  ): void {
    for (const [clientId, { until }] of this.held) {
      if (until <= now) this.held.delete(clientId)
    }
    for (const clientId of clientIds) {
      this.held.set(clientId, { participantId, until: now + this.timeoutMs })
    }
  }

  /** True when `clientId` is kept for someone other than `participantId`. */
  blocks(clientId: number, participantId: string | null | undefined, now: number): boolean {
    const reservation = this.held.get(clientId)
    if (!reservation) return false
    if (reservation.until <= now) {
      this.held.delete(clientId)
      return false
    }
    return reservation.participantId !== participantId
  }

  /** Frees `clientId` (its owner reclaimed it, or said goodbye). */
  release(clientId: number): void {
    this.held.delete(clientId)
  }

  /** How many ids are kept (for tests and logs). */
  get size(): number {
    return this.held.size
  }
}
