import type { SerializedSchema } from '@tldraw/store'
import type { BoardInfo, ParticipantProfile } from '../../shared/api'
import type { Capability } from '../../shared/capabilities'
import type { CastDots, DotVote } from '../../shared/dotVote'
import type { LicenceChoice } from '../../shared/export/licences'
import type { HideReason } from '../../shared/hiddenCards'
import type { ImportedAttribution } from '../../shared/importedAttribution'
import type { LedgerDraft, LedgerEntry } from '../../shared/ledger'
import type { PrivateCard, PrivateCardShape } from '../../shared/privateRound'
import type { SessionState } from '../../shared/sessionState'
import type { WatchLink } from '../../shared/watchLinks'

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

/** A board's latest dot vote, with every dot cast in it. */
export interface StoredVote {
  readonly vote: DotVote
  readonly cast: readonly CastDots[]
}

/** A dot vote as a facilitator opens it: the storage numbers it. */
export type NewVote = Omit<DotVote, 'id' | 'closedAt'>

/**
 * The outcome of {@link BoardRepository.castDots}: the person's dots now, by shape id; why they
 * may not (a plain sentence); or that no vote is open.
 */
export type CastOutcome =
  | { readonly kind: 'cast'; readonly mine: Readonly<Record<string, number>> }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'no-open-vote' }

/** A watch link as storage holds it: with the SHA-256 of its token (never the token). */
export interface StoredWatchLink extends WatchLink {
  readonly tokenHash: Uint8Array
}

/**
 * The outcome of writing or taking back a card in a private round: done; no round is open; or
 * the id is not one of the person's own cards in this round (someone else's, or revealed).
 */
export type PrivateCardChange = 'saved' | 'no-round' | 'not-yours'

/**
 * A card taken down for review, as storage keeps it: who hid it (never published), and once a
 * facilitator removed it for good, when and by whom (the row stays, so the card is kept off the
 * board wherever a copy of it turns up again). A card restored has no row.
 */
export interface StoredHiddenCard {
  readonly shapeId: string
  readonly at: number
  readonly by: string
  readonly reason: HideReason | null
  readonly removedAt: number | null
  readonly removedBy: string | null
}

/**
 * What {@link BoardRepository.changeHiddenCard} does with a card's row, given the row as stored:
 * store this one, delete it (null), or leave it and store nothing (undefined).
 */
export type HiddenCardChange = (
  card: StoredHiddenCard | undefined,
) => StoredHiddenCard | null | undefined

/** Which ledger entries {@link BoardRepository.readLedger} returns. */
export interface LedgerQuery {
  /** Only the entries about this record. */
  readonly recordId?: string
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
  /**
   * Removes a participant from their board: their token stops working and they may do nothing
   * more (their capabilities are emptied; their profile stays, so what they added stays credited
   * as they chose), and appends `step` to the ledger, in one transaction. False, storing nothing,
   * when they were already removed. The participant must exist.
   */
  removeParticipant(participantId: string, step: LedgerDraft): Promise<boolean>
  /** Every card of a board hidden for review or removed after it. */
  readHiddenCards(boardId: string): Promise<StoredHiddenCard[]>
  /**
   * Changes one card's row with `change` (given the row as stored) and appends `step`, in one
   * transaction. Resolves false, storing nothing, when `change` left it as it was.
   */
  changeHiddenCard(
    boardId: string,
    shapeId: string,
    change: HiddenCardChange,
    step: LedgerDraft,
  ): Promise<boolean>
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
  /** The board's latest dot vote and its dots, or undefined when nobody has opened one. */
  readVote(boardId: string): Promise<StoredVote | undefined>
  /**
   * Opens a dot vote, numbered after the board's last, and appends `step` to the ledger, in one
   * transaction. Undefined, storing nothing, when a vote is already open.
   */
  openVote(boardId: string, vote: NewVote, step: LedgerDraft): Promise<DotVote | undefined>
  /**
   * Closes the open vote at `at` and appends `step`, in one transaction. Undefined, storing
   * nothing, when no vote is open.
   */
  closeVote(boardId: string, at: number, step: LedgerDraft): Promise<DotVote | undefined>
  /**
   * Puts `dots` of a person's dots on a card of the open vote, replacing what they had there,
   * when `refusal` (given the vote and their dots now) has nothing against it. Read and written
   * in one transaction, so two requests at once can never give anyone more dots than the vote.
   */
  castDots(
    boardId: string,
    participantId: string,
    shapeId: string,
    dots: number,
    refusal: (vote: DotVote, mine: Readonly<Record<string, number>>) => string | undefined,
  ): Promise<CastOutcome>
  /** Stores a new watch link and appends `step` (its process entry), in one transaction. */
  createWatchLink(link: StoredWatchLink, step: LedgerDraft): Promise<void>
  /** A watch link by id, whatever its board, or undefined. */
  getWatchLink(linkId: string): Promise<StoredWatchLink | undefined>
  /** A board's watch links, revoked ones too, newest first. */
  listWatchLinks(boardId: string): Promise<StoredWatchLink[]>
  /**
   * Revokes a board's watch link at `at` by `by` and appends `step`, in one transaction. Resolves
   * with the link as stored; undefined when the board has no such link. A link already revoked
   * stays as it was, and nothing is stored.
   */
  revokeWatchLink(
    boardId: string,
    linkId: string,
    by: string,
    at: number,
    step: LedgerDraft,
  ): Promise<StoredWatchLink | undefined>
  /**
   * Keeps a card a person wrote in the open private round (new, or a change to their own; it
   * keeps the time it was first written), checked against the session as stored in the same
   * transaction, so no card lands in a round after it was revealed.
   */
  savePrivateCard(
    boardId: string,
    participantId: string,
    record: PrivateCardShape,
    now: number,
  ): Promise<PrivateCardChange>
  /** Takes back a person's own card of the open private round, checked as {@link savePrivateCard}. */
  deletePrivateCard(
    boardId: string,
    participantId: string,
    shapeId: string,
  ): Promise<PrivateCardChange>
  /**
   * The private cards not yet placed on the board, oldest first: one person's (given
   * `participantId`), or everyone's (for the room that reveals them).
   */
  readPrivateCards(boardId: string, participantId?: string): Promise<PrivateCard[]>
  /** Marks revealed cards as placed: they are in the document now, and private no more. */
  markPrivateCardsPlaced(boardId: string, ids: readonly string[]): Promise<void>
  /** Everyone on a board, in the order they joined. */
  listParticipants(boardId: string): Promise<StoredParticipant[]>
  /** A board's ledger entries, oldest first. */
  readLedger(boardId: string, query?: LedgerQuery): Promise<LedgerEntry[]>
  /**
   * A board's authorship entries (no `arranged`: what rebuilding attribution needs), oldest
   * first, as the JSON text of an array of their {@link LedgerDraft} fields, built by the
   * database. Parsing it is a fraction of building a large board's thousands of entries from
   * rows, and an export's one string crosses to its worker thread where those objects would
   * each be cloned on the event loop that serves every room.
   */
  readAuthorshipJson(boardId: string): Promise<string>
  /** Where each shape of a board made from a file came from, by shape id (empty otherwise). */
  readImported(boardId: string): Promise<Map<string, ImportedAttribution>>
  /** The licence someone chose for a board, or undefined when nobody has (the default applies). */
  getLicence(boardId: string): Promise<LicenceChoice | undefined>
  /** Records a licence choice for a board, replacing the one before. */
  setLicence(boardId: string, choice: RecordedLicenceChoice): Promise<void>
}
