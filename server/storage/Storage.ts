import type { BoardEvent } from '../room/BoardEvent'
import type { BoardOwnership } from './BoardOwnership'
import type { BoardRepository } from './BoardRepository'
import type { UpdateLog } from './UpdateLog'

/**
 * Board events between the processes that share one database: a change stored by one process
 * (someone joined through its HTTP API) reaches the room of the process that serves the board.
 */
export interface BoardEventChannel {
  /** Tells the other processes about a change stored here. */
  publish(boardId: string, event: BoardEvent): void
  /** Calls `listener` for every change another process publishes; returns the unsubscribe. */
  subscribe(listener: (boardId: string, event: BoardEvent) => void): () => void
}

/** A storage backend: the documents' update log and the repository for everything else. */
export interface Storage {
  readonly log: UpdateLog
  readonly repository: BoardRepository
  /** Which process serves each board; absent when this process is the only one (SQLite). */
  readonly ownership?: BoardOwnership
  /** Board events from and to the other processes; absent when there are none (SQLite). */
  readonly events?: BoardEventChannel
  /**
   * The database file, when a worker thread can open it and read boards itself (SQLite): an
   * export then reads its board there, not on the event loop that serves every board.
   */
  readonly sqliteFile?: string
  /** Lets running work (a compaction) finish, then releases the backend. */
  close(): Promise<void>
}
