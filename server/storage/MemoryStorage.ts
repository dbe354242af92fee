import type { SerializedSchema } from '@tldraw/store'
import * as Y from 'yjs'
import type { BoardInfo, ParticipantProfile } from '../../shared/api'
import type { LicenceChoice } from '../../shared/export/licences'
import type { ImportedAttribution } from '../../shared/importedAttribution'
import {
  EMPTY_LEDGER_HEAD,
  sealEntries,
  type LedgerDraft,
  type LedgerEntry,
} from '../../shared/ledger'
import { withFacilitating } from '../../shared/capabilities'
import type { PrivateCard, PrivateCardShape } from '../../shared/privateRound'
import { EMPTY_SESSION, type SessionState } from '../../shared/sessionState'
import type { CastDots, DotVote } from '../../shared/dotVote'
import type {
  BoardRepository,
  CastOutcome,
  FacilitatingChange,
  HiddenCardChange,
  StoredHiddenCard,
  LedgerQuery,
  NewBoard,
  NewVote,
  PrivateCardChange,
  RecordedLicenceChoice,
  StoredParticipant,
  StoredVote,
  StoredWatchLink,
} from './BoardRepository'
import type { Storage } from './Storage'
import { privateCardChange, privateCardFromRow, type PrivateCardRow } from './storedRows'
import type { CompactionResult, LogEntry, StoredDocument, UpdateLog } from './UpdateLog'

interface MemoryBoard {
  info: BoardInfo
  snapshot: Uint8Array
  updates: Uint8Array[]
  schema: SerializedSchema | null
  ledger: LedgerEntry[]
  imported: ReadonlyMap<string, ImportedAttribution>
}

/**
 * Boards kept in memory, for unit tests and throwaway servers: both storage interfaces over
 * plain maps. Nothing survives the process. Appends are durable at once (there is no disk).
 */
export class MemoryStorage implements Storage, UpdateLog, BoardRepository {
  private readonly boards = new Map<string, MemoryBoard>()
  private readonly participants = new Map<string, StoredParticipant>()
  private readonly licences = new Map<string, RecordedLicenceChoice>()
  private readonly sessions = new Map<string, SessionState>()
  /** Every board's watch links, oldest first. */
  private readonly watchLinks = new Map<string, StoredWatchLink>()
  /** Each board's votes, oldest first, with the dots cast in each. */
  private readonly votes = new Map<string, { vote: DotVote; cast: CastDots[] }[]>()
  /** Private round cards as SQL stores them, in the order written, by `boardId id`. */
  private readonly privateCards = new Map<string, PrivateCardRow>()
  /** Each board's cards hidden for review, by shape id. */
  private readonly hidden = new Map<string, Map<string, StoredHiddenCard>>()

  get log(): UpdateLog {
    return this
  }

  get repository(): BoardRepository {
    return this
  }

  async createBoard({ info, initialState, schema, creator, ledger, imported }: NewBoard) {
    if (this.boards.has(info.id)) throw new Error(`Board ${info.id} already exists`)
    this.boards.set(info.id, {
      info,
      snapshot: initialState,
      updates: [],
      schema,
      ledger: [],
      imported: new Map(imported),
    })
    if (creator) await this.addParticipant(creator)
    if (ledger?.length) this.appendLedger(info.id, ledger)
  }

  async getBoard(boardId: string): Promise<BoardInfo | undefined> {
    return this.boards.get(boardId)?.info
  }

  async load(boardId: string): Promise<StoredDocument | undefined> {
    const board = this.boards.get(boardId)
    return board && { snapshot: board.snapshot, updates: [...board.updates], schema: board.schema }
  }

  append(boardId: string, { update, ledger, schema }: LogEntry): void {
    const board = this.board(boardId)
    board.updates.push(update)
    if (ledger?.length) this.appendLedger(boardId, ledger)
    if (schema) board.schema = schema
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

  async addParticipant(participant: StoredParticipant): Promise<void> {
    if (this.participants.has(participant.id)) {
      throw new Error(`Participant ${participant.id} already exists`)
    }
    this.board(participant.boardId)
    this.participants.set(participant.id, participant)
  }

  async getParticipant(participantId: string): Promise<StoredParticipant | undefined> {
    return this.participants.get(participantId)
  }

  async updateParticipant(profile: ParticipantProfile): Promise<void> {
    const stored = this.participants.get(profile.id)
    if (!stored) throw new Error(`Participant ${profile.id} does not exist`)
    const { name, role, roleOther, credit, pseudonym } = profile
    this.participants.set(profile.id, { ...stored, name, role, roleOther, credit, pseudonym })
  }

  async setFacilitating(
    participantId: string,
    facilitates: boolean,
    step: LedgerDraft,
  ): Promise<FacilitatingChange> {
    const stored = this.participants.get(participantId)
    if (!stored) throw new Error(`Participant ${participantId} does not exist`)
    if (stored.capabilities.includes('facilitate') === facilitates) return 'unchanged'
    const facilitators = [...this.participants.values()].filter(
      (p) => p.boardId === stored.boardId && p.capabilities.includes('facilitate'),
    )
    if (!facilitates && facilitators.length === 1) return 'last-facilitator'
    const capabilities = withFacilitating(stored.capabilities, facilitates)
    this.participants.set(participantId, { ...stored, capabilities })
    this.appendLedger(stored.boardId, [step])
    return 'changed'
  }

  async removeParticipant(participantId: string, step: LedgerDraft): Promise<boolean> {
    const stored = this.participants.get(participantId)
    if (!stored) throw new Error(`Participant ${participantId} does not exist`)
    if (stored.capabilities.length === 0) return false
    this.participants.set(participantId, { ...stored, capabilities: [] })
    this.appendLedger(stored.boardId, [step])
    return true
  }

  async readHiddenCards(boardId: string): Promise<StoredHiddenCard[]> {
    return [...(this.hidden.get(boardId)?.values() ?? [])]
  }

  async changeHiddenCard(
    boardId: string,
    shapeId: string,
    change: HiddenCardChange,
    step: LedgerDraft,
  ): Promise<boolean> {
    this.board(boardId)
    const cards = this.hidden.get(boardId) ?? new Map<string, StoredHiddenCard>()
    this.hidden.set(boardId, cards)
    const changed = change(cards.get(shapeId))
    if (changed === undefined) return false
    if (changed) cards.set(shapeId, changed)
    else cards.delete(shapeId)
    this.appendLedger(boardId, [step])
    return true
  }

  async getSession(boardId: string): Promise<SessionState> {
    return this.sessions.get(boardId) ?? EMPTY_SESSION
  }

  async changeSession(
    boardId: string,
    change: (session: SessionState) => SessionState,
    step: LedgerDraft,
  ): Promise<SessionState> {
    this.board(boardId)
    const session = change(this.sessions.get(boardId) ?? EMPTY_SESSION)
    this.sessions.set(boardId, session)
    this.appendLedger(boardId, [step])
    return session
  }

  async savePrivateCard(
    boardId: string,
    participantId: string,
    record: PrivateCardShape,
    now: number,
  ): Promise<PrivateCardChange> {
    const key = `${boardId} ${record.id}`
    const existing = this.privateCards.get(key)
    const round = (this.sessions.get(boardId) ?? EMPTY_SESSION).round
    const change = privateCardChange(round, existing, participantId)
    if (change !== 'saved' || !round) return change
    this.privateCards.set(key, {
      board_id: boardId,
      id: record.id,
      participant_id: participantId,
      record: JSON.stringify(record),
      written_at: existing?.written_at ?? now,
      round: round.startedAt,
      placed: 0,
    })
    return 'saved'
  }

  async deletePrivateCard(
    boardId: string,
    participantId: string,
    shapeId: string,
  ): Promise<PrivateCardChange> {
    const key = `${boardId} ${shapeId}`
    const round = (this.sessions.get(boardId) ?? EMPTY_SESSION).round
    const change = privateCardChange(round, this.privateCards.get(key), participantId)
    if (change === 'saved') this.privateCards.delete(key)
    return change
  }

  async readPrivateCards(boardId: string, participantId?: string): Promise<PrivateCard[]> {
    return [...this.privateCards.values()]
      .filter(
        (row) =>
          row.board_id === boardId &&
          row.placed === 0 &&
          (participantId === undefined || row.participant_id === participantId),
      )
      .map(privateCardFromRow)
  }

  async markPrivateCardsPlaced(boardId: string, ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const row = this.privateCards.get(`${boardId} ${id}`)
      if (row) row.placed = 1
    }
  }

  async readVote(boardId: string): Promise<StoredVote | undefined> {
    const latest = this.votes.get(boardId)?.at(-1)
    return latest && { vote: latest.vote, cast: latest.cast.filter((c) => c.dots > 0) }
  }

  async openVote(boardId: string, opened: NewVote, step: LedgerDraft) {
    this.board(boardId)
    const votes = this.votes.get(boardId) ?? []
    const last = votes.at(-1)
    if (last && last.vote.closedAt === null) return undefined
    const vote: DotVote = { ...opened, id: votes.length + 1, closedAt: null }
    this.votes.set(boardId, [...votes, { vote, cast: [] }])
    this.appendLedger(boardId, [step])
    return vote
  }

  async closeVote(boardId: string, at: number, step: LedgerDraft) {
    const last = this.votes.get(boardId)?.at(-1)
    if (!last || last.vote.closedAt !== null) return undefined
    last.vote = { ...last.vote, closedAt: at }
    this.appendLedger(boardId, [step])
    return last.vote
  }

  async castDots(
    ...[boardId, participantId, shapeId, dots, refusal]: Parameters<BoardRepository['castDots']>
  ): Promise<CastOutcome> {
    const last = this.votes.get(boardId)?.at(-1)
    if (!last || last.vote.closedAt !== null) return { kind: 'no-open-vote' }
    const mineOf = () =>
      Object.fromEntries(
        last.cast
          .filter((c) => c.participantId === participantId && c.dots > 0)
          .map((c) => [c.shapeId, c.dots]),
      )
    const reason = refusal(last.vote, mineOf())
    if (reason) return { kind: 'refused', reason }
    last.cast = [
      ...last.cast.filter((c) => c.participantId !== participantId || c.shapeId !== shapeId),
      { participantId, shapeId, dots },
    ]
    return { kind: 'cast', mine: mineOf() }
  }

  async createWatchLink(link: StoredWatchLink, step: LedgerDraft): Promise<void> {
    this.board(link.boardId)
    this.watchLinks.set(link.id, link)
    this.appendLedger(link.boardId, [step])
  }

  async getWatchLink(linkId: string): Promise<StoredWatchLink | undefined> {
    return this.watchLinks.get(linkId)
  }

  async listWatchLinks(boardId: string): Promise<StoredWatchLink[]> {
    return [...this.watchLinks.values()].filter((link) => link.boardId === boardId).reverse()
  }

  async revokeWatchLink(
    ...[boardId, linkId, by, at, step]: Parameters<BoardRepository['revokeWatchLink']>
  ): Promise<StoredWatchLink | undefined> {
    const link = this.watchLinks.get(linkId)
    if (!link || link.boardId !== boardId) return undefined
    if (link.revokedAt !== null) return link
    const revoked = { ...link, revokedBy: by, revokedAt: at }
    this.watchLinks.set(linkId, revoked)
    this.appendLedger(boardId, [step])
    return revoked
  }

  async listParticipants(boardId: string): Promise<StoredParticipant[]> {
    return [...this.participants.values()].filter((p) => p.boardId === boardId)
  }

  async readLedger(boardId: string, query: LedgerQuery = {}): Promise<LedgerEntry[]> {
    return (this.boards.get(boardId)?.ledger ?? []).filter(
      (entry) => query.recordId === undefined || entry.recordId === query.recordId,
    )
  }

  async readAuthorshipJson(boardId: string): Promise<string> {
    const authorship = (await this.readLedger(boardId)).filter((e) => e.action !== 'arranged')
    const drafts: LedgerDraft[] = authorship.map(
      ({ at, participantId, writtenDownBy, action, recordId, recordType }) => ({
        at,
        participantId,
        writtenDownBy,
        action,
        recordId,
        recordType,
      }),
    )
    return JSON.stringify(drafts)
  }

  async readImported(boardId: string): Promise<Map<string, ImportedAttribution>> {
    return new Map(this.boards.get(boardId)?.imported)
  }

  async getLicence(boardId: string): Promise<LicenceChoice | undefined> {
    return this.licences.get(boardId)
  }

  async setLicence(boardId: string, choice: RecordedLicenceChoice): Promise<void> {
    this.board(boardId)
    this.licences.set(boardId, choice)
  }

  async close(): Promise<void> {}

  private board(boardId: string): MemoryBoard {
    const board = this.boards.get(boardId)
    if (!board) throw new Error(`Board ${boardId} does not exist`)
    return board
  }

  private appendLedger(boardId: string, drafts: readonly LedgerDraft[]): void {
    const { ledger } = this.board(boardId)
    const last = ledger.at(-1)
    const head = last ? { seq: last.seq, hash: last.hash } : EMPTY_LEDGER_HEAD
    ledger.push(...sealEntries(boardId, head, drafts).entries)
  }
}
