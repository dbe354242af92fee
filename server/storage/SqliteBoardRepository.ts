import type { BoardInfo, ParticipantProfile } from '../../shared/api'
import { withFacilitating } from '../../shared/capabilities'
import type { LicenceChoice, LicenceId } from '../../shared/export/licences'
import type { ImportedAttribution } from '../../shared/importedAttribution'
import type { DotVote } from '../../shared/dotVote'
import type { LedgerDraft, LedgerEntry } from '../../shared/ledger'
import type { PrivateCard } from '../../shared/privateRound'
import type { SessionState } from '../../shared/sessionState'
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
import { asBuffer } from './asBuffer'
import type { SqliteDatabase } from './SqliteDatabase'
import { SqlitePrivateCards } from './sqlitePrivateCards'
import { SqliteVotes } from './sqliteVotes'
import { SqliteWatchLinks } from './sqliteWatchLinks'
import { SqliteHiddenCards } from './sqliteHiddenCards'
import { appendLedgerEntries } from './sqliteLedger'
import {
  entryFromRow,
  importedFromRow,
  PARTICIPANT_COLUMNS,
  participantFromRow,
  participantValues,
  sessionFromRow,
  type ImportedRow,
  type LedgerRow,
  type ParticipantRow,
  type SessionRow,
} from './storedRows'

/**
 * Boards, people, the ledger as read back, licences and imported shapes in SQLite. Synchronous
 * underneath (better-sqlite3); the promises it returns are already settled.
 */
export class SqliteBoardRepository implements BoardRepository {
  private readonly votes: SqliteVotes
  private readonly watchLinks: SqliteWatchLinks
  private readonly privateCards: SqlitePrivateCards
  private readonly hidden: SqliteHiddenCards

  constructor(private readonly database: SqliteDatabase) {
    this.votes = new SqliteVotes(database)
    this.watchLinks = new SqliteWatchLinks(database)
    this.privateCards = new SqlitePrivateCards(database, (boardId) => this.readSession(boardId))
    this.hidden = new SqliteHiddenCards(database)
  }

  async createBoard({ info, initialState, schema, creator, ledger, imported }: NewBoard) {
    this.database.db.transaction(() => {
      this.run('INSERT INTO boards (id, title, created_at, schema) VALUES (?, ?, ?, ?)', [
        info.id,
        info.title,
        info.createdAt,
        JSON.stringify(schema),
      ])
      this.run('INSERT INTO snapshots (board_id, state, up_to_seq) VALUES (?, ?, 0)', [
        info.id,
        asBuffer(initialState),
      ])
      if (creator) this.insertParticipant(creator)
      if (ledger?.length) appendLedgerEntries(this.database, info.id, ledger)
      if (imported?.size) this.insertImported(info.id, imported)
    })()
  }

  async getBoard(boardId: string): Promise<BoardInfo | undefined> {
    const row = this.database
      .statement('SELECT id, title, created_at FROM boards WHERE id = ?')
      .get(boardId) as { id: string; title: string; created_at: number } | undefined
    return row && { id: row.id, title: row.title, createdAt: row.created_at }
  }

  async addParticipant(participant: StoredParticipant): Promise<void> {
    this.insertParticipant(participant)
  }

  async getParticipant(participantId: string): Promise<StoredParticipant | undefined> {
    const row = this.database
      .statement('SELECT * FROM participants WHERE id = ?')
      .get(participantId) as ParticipantRow | undefined
    return row && participantFromRow(row)
  }

  async updateParticipant(profile: ParticipantProfile): Promise<void> {
    this.run(
      `UPDATE participants SET name = ?, role = ?, role_other = ?, credit = ?, pseudonym = ?
        WHERE id = ?`,
      [
        profile.name,
        profile.role,
        profile.roleOther,
        profile.credit,
        profile.pseudonym,
        profile.id,
      ],
    )
  }

  async setFacilitating(
    participantId: string,
    facilitates: boolean,
    step: LedgerDraft,
  ): Promise<FacilitatingChange> {
    // The count and the change are one transaction, so two facilitators taking it from each
    // other at once cannot leave the board with none.
    return this.database.db.transaction((): FacilitatingChange => {
      const row = this.database
        .statement('SELECT * FROM participants WHERE id = ?')
        .get(participantId) as ParticipantRow | undefined
      if (!row) throw new Error(`Participant ${participantId} does not exist`)
      const participant = participantFromRow(row)
      if (participant.capabilities.includes('facilitate') === facilitates) return 'unchanged'
      if (!facilitates) {
        const others = (
          this.database
            .statement(
              `SELECT COUNT(*) AS n FROM participants WHERE board_id = ? AND id != ?
                AND ' ' || capabilities || ' ' LIKE '% facilitate %'`,
            )
            .get(participant.boardId, participantId) as { n: number }
        ).n
        if (others === 0) return 'last-facilitator'
      }
      this.run('UPDATE participants SET capabilities = ? WHERE id = ?', [
        withFacilitating(participant.capabilities, facilitates).join(' '),
        participantId,
      ])
      appendLedgerEntries(this.database, participant.boardId, [step])
      return 'changed'
    })()
  }

  async removeParticipant(participantId: string, step: LedgerDraft): Promise<boolean> {
    return this.database.db.transaction(() => {
      const removed = this.database
        .statement("UPDATE participants SET capabilities = '' WHERE id = ? AND capabilities != ''")
        .run(participantId)
      if (removed.changes === 0) return false
      appendLedgerEntries(this.database, boardOf(this.database, participantId), [step])
      return true
    })()
  }

  async readHiddenCards(boardId: string): Promise<StoredHiddenCard[]> {
    return this.hidden.read(boardId)
  }

  async changeHiddenCard(
    boardId: string,
    shapeId: string,
    change: HiddenCardChange,
    step: LedgerDraft,
  ): Promise<boolean> {
    return this.hidden.change(boardId, shapeId, change, step)
  }

  async getSession(boardId: string): Promise<SessionState> {
    return this.readSession(boardId)
  }

  async changeSession(
    boardId: string,
    change: (session: SessionState) => SessionState,
    step: LedgerDraft,
  ): Promise<SessionState> {
    return this.database.db.transaction(() => {
      const session = change(this.readSession(boardId))
      this.run(
        `INSERT INTO board_sessions (board_id, state) VALUES (?, ?)
          ON CONFLICT (board_id) DO UPDATE SET state = excluded.state`,
        [boardId, JSON.stringify(session)],
      )
      appendLedgerEntries(this.database, boardId, [step])
      return session
    })()
  }

  async readVote(boardId: string): Promise<StoredVote | undefined> {
    return this.votes.read(boardId)
  }

  async openVote(boardId: string, vote: NewVote, step: LedgerDraft): Promise<DotVote | undefined> {
    return this.votes.open(boardId, vote, step)
  }

  async closeVote(boardId: string, at: number, step: LedgerDraft): Promise<DotVote | undefined> {
    return this.votes.close(boardId, at, step)
  }

  async castDots(...args: Parameters<BoardRepository['castDots']>): Promise<CastOutcome> {
    return this.votes.cast(...args)
  }

  async createWatchLink(link: StoredWatchLink, step: LedgerDraft): Promise<void> {
    this.watchLinks.create(link, step)
  }

  async getWatchLink(linkId: string): Promise<StoredWatchLink | undefined> {
    return this.watchLinks.get(linkId)
  }

  async listWatchLinks(boardId: string): Promise<StoredWatchLink[]> {
    return this.watchLinks.list(boardId)
  }

  async revokeWatchLink(
    ...args: Parameters<BoardRepository['revokeWatchLink']>
  ): Promise<StoredWatchLink | undefined> {
    return this.watchLinks.revoke(...args)
  }

  async savePrivateCard(
    ...args: Parameters<BoardRepository['savePrivateCard']>
  ): Promise<PrivateCardChange> {
    return this.privateCards.save(...args)
  }

  async deletePrivateCard(
    ...args: Parameters<BoardRepository['deletePrivateCard']>
  ): Promise<PrivateCardChange> {
    return this.privateCards.remove(...args)
  }

  async readPrivateCards(boardId: string, participantId?: string): Promise<PrivateCard[]> {
    return this.privateCards.read(boardId, participantId)
  }

  async markPrivateCardsPlaced(boardId: string, ids: readonly string[]): Promise<void> {
    this.privateCards.markPlaced(boardId, ids)
  }

  private readSession(boardId: string): SessionState {
    return sessionFromRow(
      this.database
        .statement('SELECT state FROM board_sessions WHERE board_id = ?')
        .get(boardId) as SessionRow | undefined,
    )
  }

  async listParticipants(boardId: string): Promise<StoredParticipant[]> {
    const rows = this.database
      .statement('SELECT * FROM participants WHERE board_id = ? ORDER BY created_at, rowid')
      .all(boardId) as ParticipantRow[]
    return rows.map(participantFromRow)
  }

  async readLedger(boardId: string, query: LedgerQuery = {}): Promise<LedgerEntry[]> {
    const rows = (
      query.recordId !== undefined
        ? this.database
            .statement('SELECT * FROM ledger WHERE board_id = ? AND record_id = ? ORDER BY seq')
            .all(boardId, query.recordId)
        : this.database
            .statement('SELECT * FROM ledger WHERE board_id = ? ORDER BY seq')
            .all(boardId)
    ) as LedgerRow[]
    return rows.map(entryFromRow)
  }

  async readAuthorshipJson(boardId: string): Promise<string> {
    return this.database
      .statement(
        `SELECT json_group_array(json_object('at', at, 'participantId', participant_id,
            'writtenDownBy', written_down_by, 'action', action, 'recordId', record_id,
            'recordType', record_type) ORDER BY seq)
          FROM ledger WHERE board_id = ? AND action != 'arranged'`,
      )
      .pluck()
      .get(boardId) as string
  }

  async readImported(boardId: string): Promise<Map<string, ImportedAttribution>> {
    const rows = this.database
      .statement('SELECT * FROM imported_shapes WHERE board_id = ?')
      .all(boardId) as ImportedRow[]
    return new Map(rows.map((row) => [row.shape_id, importedFromRow(row)]))
  }

  async getLicence(boardId: string): Promise<LicenceChoice | undefined> {
    const row = this.database
      .statement('SELECT licence, set_by, set_at FROM board_licences WHERE board_id = ?')
      .get(boardId) as { licence: string; set_by: string; set_at: number } | undefined
    return row && { id: row.licence as LicenceId, setBy: row.set_by, setAt: row.set_at }
  }

  async setLicence(boardId: string, choice: RecordedLicenceChoice): Promise<void> {
    this.run(
      `INSERT INTO board_licences (board_id, licence, set_by, set_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (board_id) DO UPDATE SET licence = excluded.licence, set_by = excluded.set_by,
          set_at = excluded.set_at`,
      [boardId, choice.id, choice.setBy, choice.setAt],
    )
  }

  private run(sql: string, values: unknown[]): void {
    this.database.statement(sql).run(...values)
  }

  private insertParticipant(participant: StoredParticipant): void {
    this.run(
      `INSERT INTO participants (${PARTICIPANT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      participantValues(participant),
    )
  }

  private insertImported(boardId: string, imported: ReadonlyMap<string, ImportedAttribution>) {
    const insert = this.database.statement(
      `INSERT INTO imported_shapes (board_id, shape_id, from_title, exported_at, imported_at,
        author_name, author_role, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const [shapeId, { from, exportedAt, importedAt, author }] of imported) {
      insert.run(
        boardId,
        shapeId,
        from,
        exportedAt,
        importedAt,
        author?.name ?? null,
        author?.role ?? null,
        author?.addedAt ?? null,
      )
    }
  }
}

function boardOf(database: SqliteDatabase, participantId: string): string {
  const row = database
    .statement('SELECT board_id FROM participants WHERE id = ?')
    .get(participantId) as { board_id: string } | undefined
  if (!row) throw new Error(`Participant ${participantId} does not exist`)
  return row.board_id
}
