import type { LedgerEntry } from '../../../shared/ledger'

/**
 * An INSERT of sealed ledger entries, of one board or several, given as ten array parameters
 * `$first` to `$first + 9` (see {@link ledgerColumns}): one statement for any number of entries.
 * The database checks that each continues its board's chain.
 */
export function insertLedgerEntries(first: number): string {
  const p = (offset: number) => `$${first + offset}`
  return `INSERT INTO ledger (board_id, seq, at, participant_id, written_down_by, action, record_id,
      record_type, prev_hash, hash)
    SELECT e.board_id, e.seq, e.at, e.participant_id, e.written_down_by, e.action, e.record_id,
      e.record_type, e.prev_hash, e.hash
    FROM unnest(${p(0)}::text[], ${p(1)}::bigint[], ${p(2)}::bigint[], ${p(3)}::text[],
      ${p(4)}::text[], ${p(5)}::text[], ${p(6)}::text[], ${p(7)}::text[], ${p(8)}::text[],
      ${p(9)}::text[]) WITH ORDINALITY AS e (board_id, seq, at, participant_id, written_down_by,
      action, record_id, record_type, prev_hash, hash, n)
    ORDER BY e.n`
}

/** The ten parameters of {@link insertLedgerEntries}: one array per column. */
export function ledgerColumns(entries: readonly LedgerEntry[]): unknown[][] {
  return [
    entries.map((e) => e.boardId),
    entries.map((e) => e.seq),
    entries.map((e) => e.at),
    entries.map((e) => e.participantId),
    entries.map((e) => e.writtenDownBy),
    entries.map((e) => e.action),
    entries.map((e) => e.recordId),
    entries.map((e) => e.recordType),
    entries.map((e) => e.prevHash),
    entries.map((e) => e.hash),
  ]
}
