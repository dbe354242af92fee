import type { LedgerDraft } from '../../../shared/ledger'
import type { StoredWatchLink } from '../BoardRepository'
import {
  WATCH_LINK_COLUMNS,
  watchLinkFromRow,
  watchLinkValues,
  type WatchLinkRow,
} from '../storedRows'
import { appendLedger, lockBoard } from './facilitationStep'
import type { PostgresDatabase } from './PostgresDatabase'

/**
 * The watch links of {@link BoardRepository} in PostgreSQL (table `watch_links`, migration 4),
 * as SqliteWatchLinks does them in SQLite. Making and revoking a link are facilitation steps:
 * each locks the board for its ledger entry, which also puts two revocations of one link in turn.
 */
export class PostgresWatchLinks {
  constructor(private readonly database: PostgresDatabase) {}

  async create(link: StoredWatchLink, step: LedgerDraft): Promise<void> {
    await this.database.transaction(async (client) => {
      await lockBoard(client, link.boardId)
      await client.query(
        `INSERT INTO watch_links (${WATCH_LINK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        watchLinkValues(link),
      )
      await appendLedger(client, link.boardId, step)
    })
  }

  async get(linkId: string): Promise<StoredWatchLink | undefined> {
    const { rows } = await this.database.pool.query<WatchLinkRow>(
      `SELECT ${WATCH_LINK_COLUMNS} FROM watch_links WHERE id = $1`,
      [linkId],
    )
    return rows[0] && watchLinkFromRow(rows[0])
  }

  async list(boardId: string): Promise<StoredWatchLink[]> {
    const { rows } = await this.database.pool.query<WatchLinkRow>(
      `SELECT ${WATCH_LINK_COLUMNS} FROM watch_links WHERE board_id = $1
        ORDER BY created_at DESC, id DESC`,
      [boardId],
    )
    return rows.map(watchLinkFromRow)
  }

  revoke(
    boardId: string,
    linkId: string,
    by: string,
    at: number,
    step: LedgerDraft,
  ): Promise<StoredWatchLink | undefined> {
    return this.database.transaction(async (client) => {
      await lockBoard(client, boardId)
      const { rows } = await client.query<WatchLinkRow>(
        `SELECT ${WATCH_LINK_COLUMNS} FROM watch_links WHERE id = $1 AND board_id = $2`,
        [linkId, boardId],
      )
      const link = rows[0] && watchLinkFromRow(rows[0])
      if (!link || link.revokedAt !== null) return link
      await client.query('UPDATE watch_links SET revoked_by = $1, revoked_at = $2 WHERE id = $3', [
        by,
        at,
        linkId,
      ])
      await appendLedger(client, boardId, step)
      return { ...link, revokedBy: by, revokedAt: at }
    })
  }
}
