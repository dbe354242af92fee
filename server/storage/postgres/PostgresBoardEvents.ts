import { asBoardEvent, type BoardEvent } from '../../room/BoardEvent'
import type { Logger } from '../../logger'
import type { BoardEventChannel } from '../Storage'
import type { PostgresDatabase } from './PostgresDatabase'
import { PostgresListener } from './PostgresListener'

/** The channel board events travel on between processes. */
export const BOARD_EVENTS_CHANNEL = 'commonmap_board_events'

/**
 * Board events over PostgreSQL's NOTIFY: a process that stored a change publishes it, and every
 * other process hands it to its room of that board, if it serves it. A notification is sent
 * after the change committed, and PostgreSQL delivers it only to sessions listening when it
 * commits: a process that loads the board later reads the change from storage instead.
 */
export class PostgresBoardEvents implements BoardEventChannel {
  private readonly listeners = new Set<(boardId: string, event: BoardEvent) => void>()

  constructor(
    private readonly database: PostgresDatabase,
    listener: PostgresListener,
    private readonly processId: string,
    private readonly logger: Logger,
  ) {
    listener.on(BOARD_EVENTS_CHANNEL, (payload) => this.received(payload))
  }

  publish(boardId: string, event: BoardEvent): void {
    const payload = JSON.stringify({ from: this.processId, boardId, event })
    PostgresListener.notify(this.database.pool, BOARD_EVENTS_CHANNEL, payload).catch(
      (error: unknown) => this.logger.error('board-event.publish-failed', { boardId, error }),
    )
  }

  subscribe(listener: (boardId: string, event: BoardEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private received(payload: string): void {
    let message: { from?: unknown; boardId?: unknown; event?: unknown }
    try {
      message = JSON.parse(payload) as typeof message
    } catch {
      return
    }
    const event = asBoardEvent(message.event)
    if (message.from === this.processId || typeof message.boardId !== 'string' || !event) return
    for (const listener of this.listeners) listener(message.boardId, event)
  }
}
