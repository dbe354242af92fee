import { isLayoutShapeId } from '../../shared/sessionAreas'
import { EMPTY_SESSION, isSessionRun, type SessionState } from '../../shared/sessionState'
import type { RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'
import { storedStatePlugin } from './storedStatePlugin'

/**
 * The session a facilitator runs: the stage the group is at and its timer, changed through the
 * HTTP API by facilitators (`PUT /api/boards/:id/session/…`) and published as the `session`
 * state, absent until someone runs it. The server decides; clients only follow. While the
 * layout is locked it refuses changes to the areas and their prompts from anyone who does not
 * facilitate.
 */
export function createSessionPlugin(repository: BoardRepository, boardId: string): RoomPlugin {
  let session: SessionState = EMPTY_SESSION
  return {
    ...storedStatePlugin({
      name: 'session',
      async read() {
        session = await repository.getSession(boardId)
        return isSessionRun(session) ? session : undefined
      },
      readAgainOn: ['session-changed'],
    }),
    checkRecord(change, connection) {
      if (!session.lock || !isLayoutShapeId(change.id)) return undefined
      if (connection.capabilities.has('facilitate')) return undefined
      return { reason: 'layout-locked' }
    },
  }
}
