import type { SerializedSchema } from '@tldraw/store'
import type { BoardInfo, ExportFormat } from '../../shared/api'
import { creditedParticipant, type CreditedParticipant } from '../../shared/credit'
import { publishVote, type PublishedVote } from '../../shared/dotVote'
import type { LicenceChoice } from '../../shared/export/licences'
import type { LedgerEntry } from '../../shared/ledger'
import type { Storage } from '../storage/Storage'
import type { UpdateLog } from '../storage/UpdateLog'
import type { ExportInput } from './exportBoardFile'

/**
 * What an export reads from storage: plain data, so that making the file (decoding the
 * document, folding the ledger, rendering) can happen on a worker thread (exportBoardFile.ts).
 */
export interface StoredBoardForExport {
  readonly info: BoardInfo
  /** The document as stored: its snapshot and the updates logged after it (Yjs V1). */
  readonly snapshot: Uint8Array
  readonly updates: readonly Uint8Array[]
  /** The schema storage keeps beside the document; undefined for a board saved before that. */
  readonly schema: SerializedSchema | undefined
  /**
   * The ledger's authorship entries, from which who added what is folded: the JSON text of their
   * drafts (BoardRepository.readAuthorshipJson), parsed on the worker thread.
   */
  readonly authorshipJson: string
  /** Everyone on the board as they choose to be credited now (no private profile). */
  readonly people: readonly CreditedParticipant[]
  /** Who may run the session now (the `facilitate` capability), for "Facilitated by". */
  readonly facilitators: readonly string[]
  readonly licence: LicenceChoice | undefined
  /** The board's latest dot vote as everyone may see it; undefined when nobody opened one. */
  readonly vote: PublishedVote | undefined
  /** The whole ledger, for the `ledger` export only. */
  readonly ledger: readonly LedgerEntry[]
  /**
   * Cards taken down for review (and removed after it) to leave out, with whatever goes with
   * them (shared/hiddenCards.ts `goesWithCards`).
   */
  readonly leaveOut: readonly string[]
  /** Server time of the export, epoch ms. */
  readonly now: number
}

/** What an export reads a board from: a storage backend, or a worker thread's own connection. */
export interface ExportSource {
  readonly log: Pick<UpdateLog, 'load'>
  readonly repository: Storage['repository']
}

/**
 * An export's input, its board read from `source` ({@link readBoardForExport}). Throws when the
 * board is gone: the request found it, and it was deleted before its export's turn came.
 */
export async function readExportInput(
  source: ExportSource,
  boardId: string,
  format: ExportFormat,
  now: number,
  withHidden: boolean,
): Promise<ExportInput> {
  const board = await readBoardForExport(source, boardId, format, now, withHidden)
  if (!board) throw new Error(`Board ${boardId} is gone`)
  return { format, board }
}

/**
 * Reads a board for an export from storage alone, whether or not its room is loaded: a room
 * stores every update before anyone sees it, so storage is never behind any client. People,
 * their contributions and who added what are then rebuilt from the participants and the
 * ledger, the truth the room publishes. Cards hidden for review are left out unless `withHidden`
 * (a facilitator asked); cards removed after review always are. Undefined for an unknown board.
 */
export async function readBoardForExport(
  { log, repository }: ExportSource,
  boardId: string,
  format: ExportFormat,
  now: number,
  withHidden = false,
): Promise<StoredBoardForExport | undefined> {
  const info = await repository.getBoard(boardId)
  const stored = info && (await log.load(boardId))
  if (!info || !stored) return undefined
  const participants = await repository.listParticipants(boardId)
  const vote = await repository.readVote(boardId)
  return {
    info,
    snapshot: stored.snapshot,
    updates: stored.updates,
    schema: stored.schema ?? undefined,
    authorshipJson: await repository.readAuthorshipJson(boardId),
    people: participants.map(creditedParticipant),
    facilitators: participants
      .filter((participant) => participant.capabilities.includes('facilitate'))
      .map((participant) => participant.id),
    licence: await repository.getLicence(boardId),
    vote: vote && publishVote(vote.vote, vote.cast, participants),
    ledger: format === 'ledger' ? await repository.readLedger(boardId) : [],
    leaveOut: (await repository.readHiddenCards(boardId))
      .filter((card) => !withHidden || card.removedAt !== null)
      .map((card) => card.shapeId),
    now,
  }
}
