import type { SerializedSchema } from '@tldraw/store'
import type { LedgerDraft } from '../../shared/ledger'

/** What storage holds to rebuild one board's document. */
export interface StoredDocument {
  /** The document as of the last compaction, as one Yjs V1 update. */
  readonly snapshot: Uint8Array
  /** V1 updates appended since that snapshot, oldest first. */
  readonly updates: readonly Uint8Array[]
  /**
   * The tldraw schema the records conform to. Null for a board saved before the server kept it:
   * its document then says, in a root of its own (see server/plugins/boardRecordsPlugin.ts).
   */
  readonly schema: SerializedSchema | null
}

/** One append: an update the room accepted, and what must be stored with it or not at all. */
export interface LogEntry {
  /** A Yjs V1 update. */
  readonly update: Uint8Array
  /** Ledger entries for the changes the update made, sealed onto the board's chain. */
  readonly ledger?: readonly LedgerDraft[]
  /** The schema the board's records conform to from this update on (after a migration). */
  readonly schema?: SerializedSchema
  /**
   * The fencing number of the lease under which the room appends (see BoardOwnership). A
   * database shared by several processes refuses the append unless it is the board's current
   * one; a storage used by one process alone ignores it.
   */
  readonly fence?: number
}

/**
 * The append was refused because another process serves the board now (its fence moved on):
 * this process must stop serving it. Its clients reconnect and find the new owner.
 */
export class BoardMovedError extends Error {
  override readonly name = 'BoardMovedError'
}

/** What one compaction did. */
export interface CompactionResult {
  /** How many logged updates were folded into the snapshot (0: there was nothing to do). */
  readonly compactedUpdates: number
}

/**
 * Done once durable: `void` when it already is when the call returns (SQLite, synchronous
 * underneath because that is fastest), or a promise that settles once it is (a database over
 * the network). Throwing, or a rejected promise, means nothing of it was stored.
 */
export type Durable = void | Promise<void>

/**
 * A board's document, as an append-only log of updates folded now and then into a snapshot.
 * The room core appends every update it accepts and relays it only once the append is durable
 * (an ordered queue per room keeps relays in append order), so a crash loses nothing anyone has
 * seen.
 *
 * The contribution ledger is sealed here, in the same transaction as the update it describes:
 * each draft is numbered, linked to the entry before and hashed (shared/ledger.ts). The end of
 * the chain is read inside that transaction, never trusted from memory, so two writers can never
 * fork a board's chain (the sequence number is unique: the second is refused).
 */
export interface UpdateLog {
  /** Everything needed to rebuild the board's document, or undefined for an unknown board. */
  load(boardId: string): Promise<StoredDocument | undefined>
  /**
   * Durably appends one entry, all of it or nothing; see {@link Durable}. A room calls it for
   * each update as soon as it is accepted, without waiting for the appends before: one board's
   * appends must become durable in the order they were called.
   */
  append(boardId: string, entry: LogEntry): Durable
  /**
   * Folds the board's logged updates into its snapshot. Updates appended while a compaction runs
   * are kept for the next one. Concurrent calls for one board share one compaction. The ledger
   * is never compacted.
   */
  compact(boardId: string): Promise<CompactionResult>
}

/** An append of one board's entry, among others. */
export interface BoardEntry {
  readonly boardId: string
  readonly entry: LogEntry
}

/** A log that can append entries of any boards in one transaction: all of them or none. */
export interface BatchAppender {
  appendAll(entries: readonly BoardEntry[]): Durable
}

/** True for a log that can append many boards' entries in one transaction. */
export function isBatchAppender(log: UpdateLog): log is UpdateLog & BatchAppender {
  return typeof (log as Partial<BatchAppender>).appendAll === 'function'
}
