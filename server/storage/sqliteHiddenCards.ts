import type { LedgerDraft } from '../../shared/ledger'
import type { HiddenCardChange, StoredHiddenCard } from './BoardRepository'
import type { SqliteDatabase } from './SqliteDatabase'
import { appendLedgerEntries } from './sqliteLedger'
import {
  HIDDEN_CARD_COLUMNS,
  hiddenCardFromRow,
  hiddenCardValues,
  type HiddenCardRow,
} from './storedRows'

/**
 * The cards hidden for review of {@link BoardRepository} in SQLite (table `hidden_cards`,
 * migration 11). Each change reads the row and writes it with its ledger entry in one transaction.
 */
export class SqliteHiddenCards {
  constructor(private readonly database: SqliteDatabase) {}

  read(boardId: string): StoredHiddenCard[] {
    const rows = this.database
      .statement('SELECT * FROM hidden_cards WHERE board_id = ? ORDER BY hidden_at, shape_id')
      .all(boardId) as HiddenCardRow[]
    return rows.map(hiddenCardFromRow)
  }

  change(boardId: string, shapeId: string, change: HiddenCardChange, step: LedgerDraft): boolean {
    return this.database.db.transaction(() => {
      const row = this.database
        .statement('SELECT * FROM hidden_cards WHERE board_id = ? AND shape_id = ?')
        .get(boardId, shapeId) as HiddenCardRow | undefined
      const changed = change(row && hiddenCardFromRow(row))
      if (changed === undefined) return false
      this.database
        .statement('DELETE FROM hidden_cards WHERE board_id = ? AND shape_id = ?')
        .run(boardId, shapeId)
      if (changed) {
        this.database
          .statement(
            `INSERT INTO hidden_cards (${HIDDEN_CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(...hiddenCardValues(boardId, changed))
      }
      appendLedgerEntries(this.database, boardId, [step])
      return true
    })()
  }
}
