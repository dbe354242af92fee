import type { SerializedSchema } from '@tldraw/store'
import type { BoardInfo, ParticipantProfile } from '../../shared/api'
import type { Capability } from '../../shared/capabilities'
import type { LicenceChoice } from '../../shared/export/licences'
import type { ImportedAttribution } from '../../shared/importedAttribution'
import type { LedgerDraft, LedgerEntry } from '../../shared/ledger'
import type { SessionState } from '../../shared/sessionState'

/**
 * A participant as storage holds them: the private profile, the SHA-256 of their token (null for
 * a person without a device, who has no token; the token itself is never stored), and what the
 * server lets their connections do.
 */
export interface StoredParticipant extends ParticipantProfile {
  readonly tokenHash: Uint8Array | null
  readonly capabilities: readonly Capability[]
}

/** A new board: its description, its first document state, and what starts with it. */
export interface NewBoard {
  readonly info: BoardInfo
  /** The first document state, one Yjs V1 update (its records conform to `schema`). */
  readonly initialState: Uint8Array
  readonly schema: SerializedSchema
  /** The person starting it, who exists before its first records are written. */
  readonly creator?: StoredParticipant
  /** Ledger entries for the first state (e.g. its records, credited to the creator). */
  readonly ledger?: readonly LedgerDraft[]
  /** For a board made from a file: where each imported shape came from, by shape id. */
  readonly imported?: ReadonlyMap<string, ImportedAttribution>
}

/** A licence someone chose: unlike the default, it always has who chose it and when. */
export interface RecordedLicenceChoice extends LicenceChoice {
  readonly setBy: string
  readonly setAt: number
}

/**
 * The outcome of {@link BoardRepository.setFacilitating}: the person's capabilities changed, they
 * already were as asked, or taking facilitating back was refused because they are the board's
 * last facilitator (a board always keeps one, so someone can always run the session).
 */
export type FacilitatingChange = 'changed' | 'unchanged' | 'last-facilitator'

/** Which ledger entries {@link BoardRepository.readLedger} returns. */
export interface LedgerQuery {
  /** Only the entries about this record. */
  readonly recordId?: string
  /** Leave out `arranged` entries (what rebuilding attribution needs). */
  readonly authorshipOnly?: boolean
}

/**
 * Everything about boards but their documents' update log (server/storage/UpdateLog.ts): the
 * boards themselves, their people, the ledger as read back, licences and where imported shapes
 * came from. Asynchronous, so a database over the network can stand behind it.
 */
export interface BoardRepository {
  /**
   * Stores a new board with its first document state, and in the same transaction its creator
   * (when given), the ledger entries for that first state and, for a board made from a file,
   * where its shapes came from. Rejects when it cannot, and then stored none of it.
   */
  createBoard(board: NewBoard): Promise<void>
  /** The board's description, or undefined when no such board was created. */
  getBoard(boardId: string): Promise<BoardInfo | undefined>
  /** Stores a new participant. */
  addParticipant(participant: StoredParticipant): Promise<void>
  /** A participant by id, whatever their board, or undefined. */
  getParticipant(participantId: string): Promise<StoredParticipant | undefined>
  /** Replaces a participant's profile fields (never their id, board, token, adder or capabilities). */
  updateParticipant(profile: ParticipantProfile): Promise<void>
  /**
   * Gives a participant `facilitate` or takes it back, and appends `step` (its process entry)
   * to their board's ledger, in one transaction; with 'unchanged' or 'last-facilitator' it
   * stores nothing. The participant must exist.
   */
  setFacilitating(
    participantId: string,
    facilitates: boolean,
    step: LedgerDraft,
  ): Promise<FacilitatingChange>
  /** The session a facilitator runs on a board (empty until someone does). */
  getSession(boardId: string): Promise<SessionState>
  /**
   * Changes a board's session with `change` (given the session as stored) and appends `step`,
   * its process entry, to the ledger, in one transaction, so two facilitators changing it at
   * once each change what the other left. Resolves with the session as stored.
   */
  changeSession(
    boardId: string,
    change: (session: SessionState) => SessionState,
    step: LedgerDraft,
  ): Promise<SessionState>
  /** Everyone on a board, in the order they joined. */
  listParticipants(boardId: string): Promise<StoredParticipant[]>
  /** A board's ledger entries, oldest first. */
  readLedger(boardId: string, query?: LedgerQuery): Promise<LedgerEntry[]>
  /** Where each shape of a board made from a file came from, by shape id (empty otherwise). */
  readImported(boardId: string): Promise<Map<string, ImportedAttribution>>
  /** The licence someone chose for a board, or undefined when nobody has (the default applies). */
  getLicence(boardId: string): Promise<LicenceChoice | undefined>
  /** Records a licence choice for a board, replacing the one before. */
  setLicence(boardId: string, choice: RecordedLicenceChoice): Promise<void>
}
