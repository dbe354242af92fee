import type { BoardInfo } from '../../shared/api'

/** A board as storage holds it: its description and enough to rebuild its document. */
export interface StoredBoard {
  readonly info: BoardInfo
  /** The board's document as of the last compaction, as one Yjs V1 update. */
  readonly snapshot: Uint8Array
  /** V1 updates accepted since that snapshot, oldest first. */
  readonly updates: readonly Uint8Array[]
}

/** What one compaction did. */
export interface CompactionResult {
  /** How many logged updates were folded into the snapshot (0: there was nothing to do). */
  readonly compactedUpdates: number
}

/**
 * Where boards live. The room core only ever calls `appendUpdate`, and calls it synchronously
 * before relaying an update to anyone, so an implementation must have made the update durable
 * (or thrown) by the time it returns: that ordering is what makes a crash lose nothing that
 * anyone has seen. Everything is keyed by board id; pictures are stored elsewhere.
 */
export interface BoardStorage {
  /** Stores a new board with its first document state. */
  createBoard(info: BoardInfo, initialState: Uint8Array): void
  /** The board's description, or undefined when no such board was created. */
  getBoard(boardId: string): BoardInfo | undefined
  /** Everything needed to rebuild the board's document, or undefined for an unknown board. */
  loadBoard(boardId: string): StoredBoard | undefined
  /** Durably appends one V1 update to the board's log. Throws when it cannot. */
  appendUpdate(boardId: string, update: Uint8Array): void
  /**
   * Folds the board's logged updates into its snapshot. Updates appended while a compaction
   * runs are kept for the next one. Concurrent calls for one board share one compaction.
   */
  compact(boardId: string): Promise<CompactionResult>
  /** Lets a running compaction finish, then releases the storage. */
  close(): Promise<void>
}
