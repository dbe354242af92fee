import type { LedgerDraft } from '../../../shared/ledger'
import type { HiddenCardChange, StoredHiddenCard } from '../BoardRepository'
import {
  HIDDEN_CARD_COLUMNS,
  hiddenCardFromRow,
  hiddenCardValues,
  type HiddenCardRow,
} from '../storedRows'
import { appendLedger, lockBoard } from './facilitationStep'
import type { PostgresDatabase } from './PostgresDatabase'

/**
 * The cards hidden for review of {@link BoardRepository} in PostgreSQL (table `hidden_cards`,
 * migration 6), as SqliteHiddenCards does them. Each change locks the board, as every
 * facilitation step does for its ledger entry, so two people acting on one card at once act one
 * after the other.
 */
export class PostgresHiddenCards {
  constructor(private readonly database: PostgresDatabase) {}

  async read(boardId: string): Promise<StoredHiddenCard[]> {
    const { rows } = await this.database.pool.query<HiddenCardRow>(
      'SELECT * FROM hidden_cards WHERE board_id = $1 ORDER BY hidden_at, shape_id',
      [boardId],
    )
    return rows.map(hiddenCardFromRow)
  }

  change(
    boardId: string,
    shapeId: string,
    change: HiddenCardChange,
    step: LedgerDraft,
  ): Promise<boolean> {
    return this.database.transaction(async (client) => {
      await lockBoard(client, boardId)
      const { rows } = await client.query<HiddenCardRow>(
        'SELECT * FROM hidden_cards WHERE board_id = $1 AND shape_id = $2',
        [boardId, shapeId],
      )
      const changed = change(rows[0] && hiddenCardFromRow(rows[0]))
      if (changed === undefined) return false
      await client.query('DELETE FROM hidden_cards WHERE board_id = $1 AND shape_id = $2', [
        boardId,
        shapeId,
      ])
      if (changed) {
        await client.query(
          `INSERT INTO hidden_cards (${HIDDEN_CARD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          hiddenCardValues(boardId, changed),
        )
      }
      await appendLedger(client, boardId, step)
      return true
    })
  }
}
