import * as Y from 'yjs'
import type { BoardInfo, ParticipantProfile } from '../../shared/api'
import type { LicenceChoice } from '../../shared/export/licences'
import {
  EMPTY_LEDGER_HEAD,
  sealEntries,
  type LedgerDraft,
  type LedgerEntry,
} from '../../shared/ledger'
import type {
  BoardStorage,
  CompactionResult,
  LedgerQuery,
  RecordedLicenceChoice,
  StoredBoard,
  StoredParticipant,
} from './BoardStorage'

/**
 * Boards kept in memory, for unit tests and throwaway servers. Nothing survives the process.
 */
export class MemoryStorage implements BoardStorage {
  private readonly boards = new Map<
    string,
    { info: BoardInfo; snapshot: Uint8Array; updates: Uint8Array[]; ledger: LedgerEntry[] }
  >()
  private readonly participants = new Map<string, StoredParticipant>()
  private readonly licences = new Map<string, RecordedLicenceChoice>()

  createBoard(
    info: BoardInfo,
    initialState: Uint8Array,
    options: { creator?: StoredParticipant; ledger?: readonly LedgerDraft[] } = {},
  ): void {
    if (this.boards.has(info.id)) throw new Error(`Board ${info.id} already exists`)
    this.boards.set(info.id, { info, snapshot: initialState, updates: [], ledger: [] })
    if (options.creator) this.addParticipant(options.creator)
    if (options.ledger?.length) this.appendLedger(info.id, options.ledger)
  }

  getBoard(boardId: string): BoardInfo | undefined {
    return this.boards.get(boardId)?.info
  }

  loadBoard(boardId: string): StoredBoard | undefined {
    const board = this.boards.get(boardId)
    return board && { info: board.info, snapshot: board.snapshot, updates: [...board.updates] }
  }

  appendUpdate(boardId: string, update: Uint8Array, ledger?: readonly LedgerDraft[]): void {
    const board = this.boards.get(boardId)
    if (!board) throw new Error(`Board ${boardId} does not exist`)
    board.updates.push(update)
    if (ledger?.length) this.appendLedger(boardId, ledger)
  }

  /** Merges in place, on the caller's thread: these updates were already accepted by a room. */
  async compact(boardId: string): Promise<CompactionResult> {
    const board = this.boards.get(boardId)
    if (!board || board.updates.length === 0) return { compactedUpdates: 0 }
    const compactedUpdates = board.updates.length
    board.snapshot = Y.mergeUpdates([board.snapshot, ...board.updates])
    board.updates = []
    return { compactedUpdates }
  }

  addParticipant(participant: StoredParticipant): void {
    if (this.participants.has(participant.id)) {
      throw new Error(`Participant ${participant.id} already exists`)
    }
    if (!this.boards.has(participant.boardId)) {
      throw new Error(`Board ${participant.boardId} does not exist`)
    }
    this.participants.set(participant.id, participant)
  }

  getParticipant(participantId: string): StoredParticipant | undefined {
    return this.participants.get(participantId)
  }

  updateParticipant(profile: ParticipantProfile): void {
    const stored = this.participants.get(profile.id)
    if (!stored) throw new Error(`Participant ${profile.id} does not exist`)
    const { name, role, roleOther, credit, pseudonym } = profile
    this.participants.set(profile.id, { ...stored, name, role, roleOther, credit, pseudonym })
  }

  listParticipants(boardId: string): StoredParticipant[] {
    return [...this.participants.values()].filter((p) => p.boardId === boardId)
  }

  readLedger(boardId: string, query: LedgerQuery = {}): LedgerEntry[] {
    return (this.boards.get(boardId)?.ledger ?? []).filter(
      (entry) =>
        (query.recordId === undefined || entry.recordId === query.recordId) &&
        (!query.authorshipOnly || entry.action !== 'arranged'),
    )
  }

  getLicence(boardId: string): LicenceChoice | undefined {
    return this.licences.get(boardId)
  }

  setLicence(boardId: string, choice: RecordedLicenceChoice): void {
    if (!this.boards.has(boardId)) throw new Error(`Board ${boardId} does not exist`)
    this.licences.set(boardId, choice)
  }

  async close(): Promise<void> {}

  private appendLedger(boardId: string, drafts: readonly LedgerDraft[]): void {
    const ledger = this.boards.get(boardId)?.ledger
    if (!ledger) throw new Error(`Board ${boardId} does not exist`)
    const last = ledger.at(-1)
    const head = last ? { seq: last.seq, hash: last.hash } : EMPTY_LEDGER_HEAD
    ledger.push(...sealEntries(boardId, head, drafts).entries)
  }
}
