import { CURRENT_KEY } from '../../shared/serverState'
import type { PluginContext, RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'

/**
 * The licence the group chose for its board (`PUT /api/boards/:id/licence`), with who chose it
 * and when: published as the `licence` state, absent while nobody has chosen (the default).
 */
export function createLicencePlugin(repository: BoardRepository, boardId: string): RoomPlugin {
  const load = async (context: PluginContext) => {
    const choice = await repository.getLicence(boardId)
    if (choice) context.state('licence').set(CURRENT_KEY, choice)
    else context.state('licence').delete(CURRENT_KEY)
  }
  return {
    name: 'licence',
    states: ['licence'],
    restore: load,
    async onBoardEvent(event, context) {
      if (event.type === 'licence-changed') await load(context)
    },
  }
}
