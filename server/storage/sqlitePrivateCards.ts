import type { PrivateCard, PrivateCardShape } from '../../shared/privateRound'
import type { SessionState } from '../../shared/sessionState'
import type { PrivateCardChange } from './BoardRepository'
import type { SqliteDatabase } from './SqliteDatabase'
import { privateCardChange, privateCardFromRow, type PrivateCardRow } from './storedRows'

/**
 * The private round's cards of {@link BoardRepository} in SQLite (table `private_cards`,
 * migration 10). Each change is one transaction that reads the session it checks against, so no
 * card lands in a round after it was revealed.
 */
export class SqlitePrivateCards {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly readSession: (boardId: string) => SessionState,
  ) {}

  save(
    boardId: string,
    participantId: string,
    record: PrivateCardShape,
    now: number,
  ): PrivateCardChange {
    return this.database.db.transaction((): PrivateCardChange => {
      const round = this.readSession(boardId).round
      const existing = this.row(boardId, record.id)
      const change = privateCardChange(round, existing, participantId)
      if (change !== 'saved' || !round) return change
      this.database
        .statement(
          `INSERT INTO private_cards (board_id, id, participant_id, record, written_at, round, placed)
            VALUES (?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT (board_id, id) DO UPDATE SET record = excluded.record`,
        )
        .run(boardId, record.id, participantId, JSON.stringify(record), now, round.startedAt)
      return 'saved'
    })()
  }

  remove(boardId: string, participantId: string, shapeId: string): PrivateCardChange {
    return this.database.db.transaction((): PrivateCardChange => {
      const round = this.readSession(boardId).round
      const change = privateCardChange(round, this.row(boardId, shapeId), participantId)
      if (change !== 'saved') return change
      this.database
        .statement('DELETE FROM private_cards WHERE board_id = ? AND id = ?')
        .run(boardId, shapeId)
      return 'saved'
    })()
  }

  read(boardId: string, participantId?: string): PrivateCard[] {
    const rows = this.database
      .statement(
        `SELECT * FROM private_cards WHERE board_id = ? AND placed = 0
          AND (? IS NULL OR participant_id = ?) ORDER BY written_at, rowid`,
      )
      .all(boardId, participantId ?? null, participantId ?? null) as PrivateCardRow[]
    return rows.map(privateCardFromRow)
  }

  markPlaced(boardId: string, ids: readonly string[]): void {
    const mark = this.database.statement(
      'UPDATE private_cards SET placed = 1 WHERE board_id = ? AND id = ?',
    )
    this.database.db.transaction(() => {
      for (const id of ids) mark.run(boardId, id)
    })()
  }

  private row(boardId: string, id: string): PrivateCardRow | undefined {
    return this.database
      .statement('SELECT * FROM private_cards WHERE board_id = ? AND id = ?')
      .get(boardId, id) as PrivateCardRow | undefined
  }
}
