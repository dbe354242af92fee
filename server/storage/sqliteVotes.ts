import { dotVoteValidator, type DotVote } from '../../shared/dotVote'
import type { LedgerDraft } from '../../shared/ledger'
import type { CastOutcome, NewVote, StoredVote } from './BoardRepository'
import type { SqliteDatabase } from './SqliteDatabase'
import { appendLedgerEntries } from './sqliteLedger'

/**
 * The dot votes of {@link BoardRepository} in SQLite (tables `board_votes` and `vote_dots`,
 * migration 8). Each change is one transaction that reads what it checks against.
 */
export class SqliteVotes {
  constructor(private readonly database: SqliteDatabase) {}

  read(boardId: string): StoredVote | undefined {
    const vote = this.latest(boardId)
    if (!vote) return undefined
    const cast = this.database
      .statement(
        `SELECT participant_id AS participantId, shape_id AS shapeId, dots FROM vote_dots
          WHERE board_id = ? AND vote_id = ? AND dots > 0`,
      )
      .all(boardId, vote.id) as StoredVote['cast']
    return { vote, cast }
  }

  open(boardId: string, opened: NewVote, step: LedgerDraft): DotVote | undefined {
    return this.database.db.transaction(() => {
      const last = this.latest(boardId)
      if (last && last.closedAt === null) return undefined
      const vote: DotVote = { ...opened, id: (last?.id ?? 0) + 1, closedAt: null }
      this.write(boardId, vote)
      appendLedgerEntries(this.database, boardId, [step])
      return vote
    })()
  }

  close(boardId: string, at: number, step: LedgerDraft): DotVote | undefined {
    return this.database.db.transaction(() => {
      const open = this.latest(boardId)
      if (!open || open.closedAt !== null) return undefined
      const vote: DotVote = { ...open, closedAt: at }
      this.write(boardId, vote)
      appendLedgerEntries(this.database, boardId, [step])
      return vote
    })()
  }

  cast(
    boardId: string,
    participantId: string,
    shapeId: string,
    dots: number,
    refusal: (vote: DotVote, mine: Readonly<Record<string, number>>) => string | undefined,
  ): CastOutcome {
    return this.database.db.transaction((): CastOutcome => {
      const vote = this.latest(boardId)
      if (!vote || vote.closedAt !== null) return { kind: 'no-open-vote' }
      const mine = this.dotsOf(boardId, vote.id, participantId)
      const reason = refusal(vote, mine)
      if (reason) return { kind: 'refused', reason }
      this.database
        .statement(
          `INSERT INTO vote_dots (board_id, vote_id, participant_id, shape_id, dots)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (board_id, vote_id, participant_id, shape_id)
            DO UPDATE SET dots = excluded.dots`,
        )
        .run(boardId, vote.id, participantId, shapeId, dots)
      return { kind: 'cast', mine: this.dotsOf(boardId, vote.id, participantId) }
    })()
  }

  /** The board's latest vote; one stored in a format this version no longer reads counts as none. */
  private latest(boardId: string): DotVote | undefined {
    const row = this.database
      .statement('SELECT vote FROM board_votes WHERE board_id = ? ORDER BY id DESC LIMIT 1')
      .get(boardId) as { vote: string } | undefined
    const stored: unknown = row && JSON.parse(row.vote)
    return dotVoteValidator.isValid(stored) ? stored : undefined
  }

  private write(boardId: string, vote: DotVote): void {
    this.database
      .statement(
        `INSERT INTO board_votes (board_id, id, vote) VALUES (?, ?, ?)
          ON CONFLICT (board_id, id) DO UPDATE SET vote = excluded.vote`,
      )
      .run(boardId, vote.id, JSON.stringify(vote))
  }

  private dotsOf(boardId: string, voteId: number, participantId: string): Record<string, number> {
    const rows = this.database
      .statement(
        `SELECT shape_id, dots FROM vote_dots
          WHERE board_id = ? AND vote_id = ? AND participant_id = ? AND dots > 0`,
      )
      .all(boardId, voteId, participantId) as { shape_id: string; dots: number }[]
    return Object.fromEntries(rows.map((row) => [row.shape_id, row.dots]))
  }
}
