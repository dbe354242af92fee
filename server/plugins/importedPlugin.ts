import type { RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'

/**
 * For a board made from a file, where each imported shape came from and who that board
 * credited it to (the `imported` state). Stored once, when the board is made; it never changes.
 */
export function createImportedPlugin(repository: BoardRepository, boardId: string): RoomPlugin {
  return {
    name: 'imported',
    states: ['imported'],
    async restore(context) {
      const imported = context.state('imported')
      for (const [shapeId, origin] of await repository.readImported(boardId)) {
        imported.set(shapeId, origin)
      }
    },
  }
}
