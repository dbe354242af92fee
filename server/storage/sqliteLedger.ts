import {
  EMPTY_LEDGER_HEAD,
  sealEntries,
  type LedgerDraft,
  type LedgerHead,
} from '../../shared/ledger'
import { nativeSha256Hex } from './nativeSha256Hex'
import type { SqliteDatabase } from './SqliteDatabase'

/**
 * Seals drafts onto a board's ledger chain and inserts them. Call inside a transaction: the end
 * of the chain is read in it, not trusted from memory, so a second writer can never fork the
 * chain (its entries would reuse a sequence number, which the primary key refuses).
 */
export function appendLedgerEntries(
  database: SqliteDatabase,
  boardId: string,
  drafts: readonly LedgerDraft[],
): void {
  const head =
    (database
      .statement('SELECT seq, hash FROM ledger WHERE board_id = ? ORDER BY seq DESC LIMIT 1')
      .get(boardId) as LedgerHead | undefined) ?? EMPTY_LEDGER_HEAD
  const insert = database.statement(
    `INSERT INTO ledger (board_id, seq, at, participant_id, written_down_by, action, record_id,
      record_type, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const e of sealEntries(boardId, head, drafts, nativeSha256Hex).entries) {
    insert.run(
      boardId,
      e.seq,
      e.at,
      e.participantId,
      e.writtenDownBy,
      e.action,
      e.recordId,
      e.recordType,
      e.prevHash,
      e.hash,
    )
  }
}
