import type { BoardInfo, ParticipantProfile } from '../../shared/api'
import type { LicenceChoice } from '../../shared/export/licences'
import type { LedgerDraft, LedgerEntry } from '../../shared/ledger'

/** A board as storage holds it: its description and enough to rebuild its document. */
export interface StoredBoard {
  readonly info: BoardInfo
  /** The board's document as of the last compaction, as one Yjs V1 update. */
  readonly snapshot: Uint8Array
  /** V1 updates accepted since that snapshot, oldest first. */
  readonly updates: readonly Uint8Array[]
}

/** What one compaction did. */
export interface CompactionResult {
  /** How many logged updates were folded into the snapshot (0: there was nothing to do). */
  readonly compactedUpdates: number
}

/**
 * A participant as storage holds them: the private profile and the SHA-256 of their token
 * (null for a person without a device, who has no token). The token itself is never stored.
 */
export interface StoredParticipant extends ParticipantProfile {
  readonly tokenHash: Uint8Array | null
}

/** A licence someone chose: unlike the default, it always has who chose it and when. */
export interface RecordedLicenceChoice extends LicenceChoice {
  readonly setBy: string
  readonly setAt: number
}

/** Which ledger entries {@link BoardStorage.readLedger} returns. */
export interface LedgerQuery {
  /** Only the entries about this record. */
  readonly recordId?: string
  /** Leave out `arranged` entries (what rebuilding attribution needs). */
  readonly authorshipOnly?: boolean
}

/**
 * Where boards live. The room core only ever calls `appendUpdate`, and calls it synchronously
 * before relaying an update to anyone, so an implementation must have made the update durable
 * (or thrown) by the time it returns: that ordering is what makes a crash lose nothing that
 * anyone has seen. Everything is keyed by board id; pictures are stored elsewhere.
 *
 * The contribution ledger is sealed here: storage numbers each draft, links it to the entry
 * before and hashes it (shared/ledger.ts), in the same transaction as the update it describes,
 * so an update is never stored without its ledger entries, nor entries without their update.
 */
export interface BoardStorage {
  /**
   * Stores a new board with its first document state, and in the same transaction its creator
   * (when given) and the ledger entries for that first state (e.g. records the board starts
   * with, credited to the creator).
   */
  createBoard(
    info: BoardInfo,
    initialState: Uint8Array,
    options?: { creator?: StoredParticipant; ledger?: readonly LedgerDraft[] },
  ): void
  /** The board's description, or undefined when no such board was created. */
  getBoard(boardId: string): BoardInfo | undefined
  /** Everything needed to rebuild the board's document, or undefined for an unknown board. */
  loadBoard(boardId: string): StoredBoard | undefined
  /**
   * Durably appends one V1 update to the board's log together with its ledger entries, in one
   * transaction. Throws when it cannot (and then stored neither).
   */
  appendUpdate(boardId: string, update: Uint8Array, ledger?: readonly LedgerDraft[]): void
  /**
   * Folds the board's logged updates into its snapshot. Updates appended while a compaction
   * runs are kept for the next one. Concurrent calls for one board share one compaction. The
   * ledger is never compacted.
   */
  compact(boardId: string): Promise<CompactionResult>
  /** Stores a new participant. */
  addParticipant(participant: StoredParticipant): void
  /** A participant by id, whatever their board, or undefined. */
  getParticipant(participantId: string): StoredParticipant | undefined
  /** Replaces a participant's profile fields (never their id, board, token or adder). */
  updateParticipant(profile: ParticipantProfile): void
  /** Everyone on a board, in the order they joined. */
  listParticipants(boardId: string): StoredParticipant[]
  /** A board's ledger entries, oldest first. */
  readLedger(boardId: string, query?: LedgerQuery): LedgerEntry[]
  /** The licence someone chose for a board, or undefined when nobody has (the default applies). */
  getLicence(boardId: string): LicenceChoice | undefined
  /** Records a licence choice for a board, replacing the one before. */
  setLicence(boardId: string, choice: RecordedLicenceChoice): void
  /** Lets a running compaction finish, then releases the storage. */
  close(): Promise<void>
}
