import type { PrivateCard, PrivateCardShape } from '../../../shared/privateRound'
import type { PrivateCardChange } from '../BoardRepository'
import { privateCardChange, privateCardFromRow, type PrivateCardRow } from '../storedRows'
import { lockBoard } from './facilitationStep'
import type { PostgresDatabase } from './PostgresDatabase'
import { readSession } from './PostgresBoardRepository'

/**
 * The private round's cards of {@link BoardRepository} in PostgreSQL (table `private_cards`,
 * migration 5), as SqlitePrivateCards does them in SQLite. Each change takes the board's lock,
 * as revealing does (a facilitation step), so no card lands in a round after it was revealed.
 */
export class PostgresPrivateCards {
  constructor(private readonly database: PostgresDatabase) {}

  save(
    boardId: string,
    participantId: string,
    record: PrivateCardShape,
    now: number,
  ): Promise<PrivateCardChange> {
    return this.database.transaction(async (client): Promise<PrivateCardChange> => {
      await lockBoard(client, boardId)
      const { round } = await readSession(client, boardId)
      const { rows } = await client.query<PrivateCardRow>(
        'SELECT * FROM private_cards WHERE board_id = $1 AND id = $2',
        [boardId, record.id],
      )
      const change = privateCardChange(round, rows[0], participantId)
      if (change !== 'saved' || !round) return change
      await client.query(
        `INSERT INTO private_cards (board_id, id, participant_id, record, written_at, round, placed)
          VALUES ($1, $2, $3, $4, $5, $6, 0)
          ON CONFLICT (board_id, id) DO UPDATE SET record = excluded.record`,
        [boardId, record.id, participantId, JSON.stringify(record), now, round.startedAt],
      )
      return 'saved'
    })
  }

  remove(boardId: string, participantId: string, shapeId: string): Promise<PrivateCardChange> {
    return this.database.transaction(async (client): Promise<PrivateCardChange> => {
      await lockBoard(client, boardId)
      const { round } = await readSession(client, boardId)
      const { rows } = await client.query<PrivateCardRow>(
        'SELECT * FROM private_cards WHERE board_id = $1 AND id = $2',
        [boardId, shapeId],
      )
      const change = privateCardChange(round, rows[0], participantId)
      if (change !== 'saved') return change
      await client.query('DELETE FROM private_cards WHERE board_id = $1 AND id = $2', [
        boardId,
        shapeId,
      ])
      return 'saved'
    })
  }

  async read(boardId: string, participantId?: string): Promise<PrivateCard[]> {
    const { rows } = await this.database.pool.query<PrivateCardRow>(
      `SELECT * FROM private_cards WHERE board_id = $1 AND placed = 0
        AND ($2::text IS NULL OR participant_id = $2) ORDER BY written_at, id`,
      [boardId, participantId ?? null],
    )
    return rows.map(privateCardFromRow)
  }

  async markPlaced(boardId: string, ids: readonly string[]): Promise<void> {
    await this.database.pool.query(
      'UPDATE private_cards SET placed = 1 WHERE board_id = $1 AND id = ANY($2::text[])',
      [boardId, ids],
    )
  }
}
