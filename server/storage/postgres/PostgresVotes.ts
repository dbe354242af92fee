import type { PoolClient } from 'pg'
import { dotVoteValidator, type DotVote } from '../../../shared/dotVote'
import type { LedgerDraft } from '../../../shared/ledger'
import type { BoardRepository, CastOutcome, NewVote, StoredVote } from '../BoardRepository'
import { appendLedger, lockBoard } from './facilitationStep'
import type { PostgresDatabase } from './PostgresDatabase'

type Queryable = Pick<PoolClient, 'query'>

/**
 * The dot votes of {@link BoardRepository} in PostgreSQL (tables `board_votes` and `vote_dots`,
 * migration 3), as SqliteVotes does them in SQLite. Any process may change a vote, so each change
 * locks what it checks against: opening and closing lock the board (as every facilitation step
 * does, for its ledger entry), and a person's dots lock the vote's row and the person's row, so
 * two of their requests at once are checked one after the other and never give them more dots
 * than the vote, while other people's dots go on at the same time.
 */
export class PostgresVotes {
  constructor(private readonly database: PostgresDatabase) {}

  async read(boardId: string): Promise<StoredVote | undefined> {
    const vote = await latest(this.database.pool, boardId)
    if (!vote) return undefined
    const { rows } = await this.database.pool.query<StoredVote['cast'][number]>(
      `SELECT participant_id AS "participantId", shape_id AS "shapeId", dots FROM vote_dots
        WHERE board_id = $1 AND vote_id = $2 AND dots > 0`,
      [boardId, vote.id],
    )
    return { vote, cast: rows }
  }

  open(boardId: string, opened: NewVote, step: LedgerDraft): Promise<DotVote | undefined> {
    return this.database.transaction(async (client) => {
      await lockBoard(client, boardId)
      const last = await latest(client, boardId)
      if (last && last.closedAt === null) return undefined
      const vote: DotVote = { ...opened, id: (last?.id ?? 0) + 1, closedAt: null }
      await write(client, boardId, vote)
      await appendLedger(client, boardId, step)
      return vote
    })
  }

  close(boardId: string, at: number, step: LedgerDraft): Promise<DotVote | undefined> {
    return this.database.transaction(async (client) => {
      await lockBoard(client, boardId)
      // Waits for dots being placed: none lands in a vote after it closed.
      const open = await latest(client, boardId, 'FOR UPDATE')
      if (!open || open.closedAt !== null) return undefined
      const vote: DotVote = { ...open, closedAt: at }
      await write(client, boardId, vote)
      await appendLedger(client, boardId, step)
      return vote
    })
  }

  cast(
    ...[boardId, participantId, shapeId, dots, refusal]: Parameters<BoardRepository['castDots']>
  ): Promise<CastOutcome> {
    return this.database.transaction(async (client): Promise<CastOutcome> => {
      const vote = await latest(client, boardId, 'FOR SHARE')
      if (!vote || vote.closedAt !== null) return { kind: 'no-open-vote' }
      await client.query('SELECT 1 FROM participants WHERE id = $1 FOR UPDATE', [participantId])
      const reason = refusal(vote, await dotsOf(client, boardId, vote.id, participantId))
      if (reason) return { kind: 'refused', reason }
      await client.query(
        `INSERT INTO vote_dots (board_id, vote_id, participant_id, shape_id, dots)
          VALUES ($1, $2, $3, $4, $5)
          ON CONFLICT (board_id, vote_id, participant_id, shape_id)
          DO UPDATE SET dots = excluded.dots`,
        [boardId, vote.id, participantId, shapeId, dots],
      )
      return { kind: 'cast', mine: await dotsOf(client, boardId, vote.id, participantId) }
    })
  }
}

/** The board's latest vote; one stored in a format this version no longer reads counts as none. */
async function latest(
  client: Queryable,
  boardId: string,
  lock: '' | 'FOR SHARE' | 'FOR UPDATE' = '',
): Promise<DotVote | undefined> {
  const { rows } = await client.query<{ vote: string }>(
    `SELECT vote FROM board_votes WHERE board_id = $1 ORDER BY id DESC LIMIT 1 ${lock}`,
    [boardId],
  )
  const stored: unknown = rows[0] && JSON.parse(rows[0].vote)
  return dotVoteValidator.isValid(stored) ? stored : undefined
}

async function write(client: Queryable, boardId: string, vote: DotVote): Promise<void> {
  await client.query(
    `INSERT INTO board_votes (board_id, id, vote) VALUES ($1, $2, $3)
      ON CONFLICT (board_id, id) DO UPDATE SET vote = excluded.vote`,
    [boardId, vote.id, JSON.stringify(vote)],
  )
}

async function dotsOf(
  client: Queryable,
  boardId: string,
  voteId: number,
  participantId: string,
): Promise<Record<string, number>> {
  const { rows } = await client.query<{ shape_id: string; dots: number }>(
    `SELECT shape_id, dots FROM vote_dots
      WHERE board_id = $1 AND vote_id = $2 AND participant_id = $3 AND dots > 0`,
    [boardId, voteId, participantId],
  )
  return Object.fromEntries(rows.map((row) => [row.shape_id, row.dots]))
}
