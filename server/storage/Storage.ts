import type { BoardRepository } from './BoardRepository'
import type { UpdateLog } from './UpdateLog'

/** A storage backend: the documents' update log and the repository for everything else. */
export interface Storage {
  readonly log: UpdateLog
  readonly repository: BoardRepository
  /** Lets running work (a compaction) finish, then releases the backend. */
  close(): Promise<void>
}
