import type { RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'
import { storedStatePlugin } from './storedStatePlugin'

/**
 * The licence the group chose for its board (`PUT /api/boards/:id/licence`), with who chose it
 * and when: published as the `licence` state, absent while nobody has chosen (the default).
 */
export function createLicencePlugin(repository: BoardRepository, boardId: string): RoomPlugin {
  return storedStatePlugin({
    name: 'licence',
    read: () => repository.getLicence(boardId),
    readAgainOn: ['licence-changed'],
  })
}
