import { publishVote } from '../../shared/dotVote'
import { CURRENT_KEY } from '../../shared/serverState'
import type { PluginContext, RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'

/**
 * The board's latest dot vote, opened and closed by facilitators and cast in by everyone through
 * the HTTP API (`POST /api/boards/:id/session/vote`, `PUT /api/boards/:id/votes/:shapeId`), and
 * published as the `vote` state: how many have voted and, once they are for everyone, the
 * results split by role. A person changing how they are credited can change the split, so that
 * is tallied again too.
 */
export function createVotePlugin(repository: BoardRepository, boardId: string): RoomPlugin {
  const load = async (context: PluginContext) => {
    const stored = await repository.readVote(boardId)
    if (!stored) return context.state('vote').delete(CURRENT_KEY)
    const people = await repository.listParticipants(boardId)
    context.state('vote').set(CURRENT_KEY, publishVote(stored.vote, stored.cast, people))
  }
  return {
    name: 'vote',
    states: ['vote'],
    restore: load,
    async onBoardEvent(event, context) {
      if (event.type === 'vote-changed' || event.type === 'participant-changed') await load(context)
    },
  }
}
