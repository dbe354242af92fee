import type { LedgerDraft } from '../../shared/ledger'
import type { StoredWatchLink } from './BoardRepository'
import type { SqliteDatabase } from './SqliteDatabase'
import { appendLedgerEntries } from './sqliteLedger'
import {
  WATCH_LINK_COLUMNS,
  watchLinkFromRow,
  watchLinkValues,
  type WatchLinkRow,
} from './storedRows'

/**
 * The watch links of {@link BoardRepository} in SQLite (table `watch_links`, migration 9). Making
 * and revoking a link each store its process entry in the same transaction.
 */
export class SqliteWatchLinks {
  constructor(private readonly database: SqliteDatabase) {}

  create(link: StoredWatchLink, step: LedgerDraft): void {
    this.database.db.transaction(() => {
      this.database
        .statement(`INSERT INTO watch_links (${WATCH_LINK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(...watchLinkValues(link))
      appendLedgerEntries(this.database, link.boardId, [step])
    })()
  }

  get(linkId: string): StoredWatchLink | undefined {
    const row = this.database
      .statement(`SELECT ${WATCH_LINK_COLUMNS} FROM watch_links WHERE id = ?`)
      .get(linkId) as WatchLinkRow | undefined
    return row && watchLinkFromRow(row)
  }

  list(boardId: string): StoredWatchLink[] {
    const rows = this.database
      .statement(
        `SELECT ${WATCH_LINK_COLUMNS} FROM watch_links WHERE board_id = ?
          ORDER BY created_at DESC, rowid DESC`,
      )
      .all(boardId) as WatchLinkRow[]
    return rows.map(watchLinkFromRow)
  }

  revoke(
    boardId: string,
    linkId: string,
    by: string,
    at: number,
    step: LedgerDraft,
  ): StoredWatchLink | undefined {
    return this.database.db.transaction(() => {
      const link = this.get(linkId)
      if (!link || link.boardId !== boardId) return undefined
      if (link.revokedAt !== null) return link
      this.database
        .statement('UPDATE watch_links SET revoked_by = ?, revoked_at = ? WHERE id = ?')
        .run(by, at, linkId)
      appendLedgerEntries(this.database, boardId, [step])
      return { ...link, revokedBy: by, revokedAt: at }
    })()
  }
}
