import * as Y from 'yjs'
import type { BoardInfo } from '../../shared/api'
import type { BoardStorage, CompactionResult, StoredBoard } from './BoardStorage'

/**
 * Boards kept in memory, for unit tests and throwaway servers. Nothing survives the process.
 */
export class MemoryStorage implements BoardStorage {
  private readonly boards = new Map<
    string,
    { info: BoardInfo; snapshot: Uint8Array; updates: Uint8Array[] }
  >()

  createBoard(info: BoardInfo, initialState: Uint8Array): void {
    if (this.boards.has(info.id)) throw new Error(`Board ${info.id} already exists`)
    this.boards.set(info.id, { info, snapshot: initialState, updates: [] })
  }

  getBoard(boardId: string): BoardInfo | undefined {
    return this.boards.get(boardId)?.info
  }

  loadBoard(boardId: string): StoredBoard | undefined {
    const board = this.boards.get(boardId)
    return board && { info: board.info, snapshot: board.snapshot, updates: [...board.updates] }
  }

  appendUpdate(boardId: string, update: Uint8Array): void {
    const board = this.boards.get(boardId)
    if (!board) throw new Error(`Board ${boardId} does not exist`)
    board.updates.push(update)
  }

  /** Merges in place, on the caller's thread: these updates were already accepted by a room. */
  async compact(boardId: string): Promise<CompactionResult> {
    const board = this.boards.get(boardId)
    if (!board || board.updates.length === 0) return { compactedUpdates: 0 }
    const compactedUpdates = board.updates.length
    board.snapshot = Y.mergeUpdates([board.snapshot, ...board.updates])
    board.updates = []
    return { compactedUpdates }
  }

  async close(): Promise<void> {}
}
