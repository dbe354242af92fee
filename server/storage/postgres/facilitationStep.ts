import type { PoolClient } from 'pg'
import {
  EMPTY_LEDGER_HEAD,
  sealEntries,
  type LedgerDraft,
  type LedgerHead,
} from '../../../shared/ledger'
import { nativeSha256Hex } from '../nativeSha256Hex'
import { insertLedgerEntries, ledgerColumns } from './postgresLedger'

type Queryable = Pick<PoolClient, 'query'>

/**
 * Takes a board's row lock until the transaction ends. FOR UPDATE, not a lighter lock, because
 * it also waits for the appends under way (they hold the row's key-share lock through their
 * foreign keys), so the end of the ledger chain read after it is the stored one.
 */
export async function lockBoard(client: Queryable, boardId: string): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [
    boardId,
  ])
  if (rowCount === 0) throw new Error(`Board ${boardId} does not exist`)
}

/**
 * Seals `step` onto the board's stored chain and inserts it. Call under {@link lockBoard}; the
 * board's update log, which keeps its own guess of the chain's end, follows the new end at its
 * next append (server/storage/postgres/PostgresUpdateLog.ts).
 */
export async function appendLedger(
  client: Queryable,
  boardId: string,
  step: LedgerDraft,
): Promise<void> {
  const { rows } = await client.query<LedgerHead>(
    'SELECT seq, hash FROM ledger WHERE board_id = $1 ORDER BY seq DESC LIMIT 1',
    [boardId],
  )
  const { entries } = sealEntries(boardId, rows[0] ?? EMPTY_LEDGER_HEAD, [step], nativeSha256Hex)
  await client.query(insertLedgerEntries(1), ledgerColumns(entries))
}
