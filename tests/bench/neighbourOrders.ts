import type { HostileAttack } from './benchArgs'

/** What the hostile scenario tells its neighbour (hostileNeighbour.ts), as its one argument. */
export interface NeighbourOrders {
  readonly serverUrl: string
  readonly attacks: readonly HostileAttack[]
}

/** How each kind of attack was answered (status or close code: count), after `waves` waves. */
export interface NeighbourAnswers {
  readonly waves: number
  readonly answers: Record<string, number>
}

/** The message the neighbour sends once it has made its attacks and starts the first wave. */
export const NEIGHBOUR_READY = 'ready'
