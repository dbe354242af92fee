import type { Capability } from '../../shared/capabilities'
import { CloseCode, explainClose } from '../../shared/closeCodes'
import { CURRENT_KEY } from '../../shared/serverState'
import type { ConnectionInfo, PluginContext, RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'

/**
 * Watch links (shared/watchLinks.ts): lets a connection that opened with one view the board and
 * nothing more, so the room drops whatever it writes; publishes how many watch now (`watching`),
 * never who; and closes a link's connections the moment a facilitator revokes it. The socket's
 * token was checked against storage before it got here; this keeps the revocations since.
 */
export function createWatchPlugin(repository: BoardRepository, boardId: string): RoomPlugin {
  const revoked = new Set<string>()
  const watchersIn = (context: PluginContext) =>
    context.connections().filter((connection) => connection.identity?.watchLinkId).length
  const publishCount = (context: PluginContext) => {
    const count = watchersIn(context)
    if (count === 0) context.state('watching').delete(CURRENT_KEY)
    else context.state('watching').set(CURRENT_KEY, count)
  }

  return {
    name: 'watch',
    states: ['watching'],

    async restore(context) {
      for (const link of await repository.listWatchLinks(boardId)) {
        if (link.revokedAt !== null) revoked.add(link.id)
      }
      publishCount(context)
    },

    authorize(connection: ConnectionInfo): Capability[] {
      const linkId = connection.identity?.watchLinkId
      return linkId && !revoked.has(linkId) ? ['view'] : []
    },

    connected: (_connection, context) => publishCount(context),
    disconnected: (_connection, context) => publishCount(context),

    onBoardEvent(event, context) {
      if (event.type !== 'watch-link-revoked') return
      revoked.add(event.linkId)
      const { message } = explainClose(CloseCode.LinkRevoked)
      for (const connection of context.connections()) {
        if (connection.identity?.watchLinkId === event.linkId) {
          context.close(connection, CloseCode.LinkRevoked, message)
        }
      }
    },
  }
}
