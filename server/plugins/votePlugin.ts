import { publishVote } from '../../shared/dotVote'
import type { RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'
import { storedStatePlugin } from './storedStatePlugin'

/**
 * The board's latest dot vote, opened and closed by facilitators and cast in by everyone through
 * the HTTP API (`POST /api/boards/:id/session/vote`, `PUT /api/boards/:id/votes/:shapeId`), and
 * published as the `vote` state: how many have voted and, once they are for everyone, the
 * results split by role. A person changing how they are credited can change the split, so that
 * is tallied again too.
 */
export function createVotePlugin(repository: BoardRepository, boardId: string): RoomPlugin {
  return storedStatePlugin({
    name: 'vote',
    async read() {
      const stored = await repository.readVote(boardId)
      if (!stored) return undefined
      return publishVote(stored.vote, stored.cast, await repository.listParticipants(boardId))
    },
    readAgainOn: ['vote-changed', 'participant-changed'],
  })
}
