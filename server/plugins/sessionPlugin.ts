import { CURRENT_KEY } from '../../shared/serverState'
import type { PluginContext, RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'

/**
 * The session a facilitator runs: the stage the group is at and its timer, changed through the
 * HTTP API by facilitators (`PUT /api/boards/:id/session/…`) and published as the `session`
 * state, absent until someone runs it. The server decides; clients only follow.
 */
export function createSessionPlugin(repository: BoardRepository, boardId: string): RoomPlugin {
  const load = async (context: PluginContext) => {
    const session = await repository.getSession(boardId)
    if (session.stage || session.timer || session.summon)
      context.state('session').set(CURRENT_KEY, session)
    else context.state('session').delete(CURRENT_KEY)
  }
  return {
    name: 'session',
    states: ['session'],
    restore: load,
    async onBoardEvent(event, context) {
      if (event.type === 'session-changed') await load(context)
    },
  }
}
