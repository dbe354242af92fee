import type { PoolClient } from 'pg'
import type { BoardInfo, ParticipantProfile } from '../../../shared/api'
import { withFacilitating } from '../../../shared/capabilities'
import type { LicenceChoice, LicenceId } from '../../../shared/export/licences'
import type { ImportedAttribution } from '../../../shared/importedAttribution'
import {
  EMPTY_LEDGER_HEAD,
  sealEntries,
  type LedgerDraft,
  type LedgerEntry,
  type LedgerHead,
} from '../../../shared/ledger'
import type { DotVote } from '../../../shared/dotVote'
import type { PrivateCard, PrivateCardShape } from '../../../shared/privateRound'
import type { SessionState } from '../../../shared/sessionState'
import { asBuffer } from '../asBuffer'
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
} from '../BoardRepository'
import { nativeSha256Hex } from '../nativeSha256Hex'
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
} from '../storedRows'
import { appendLedger, lockBoard } from './facilitationStep'
import type { PostgresDatabase } from './PostgresDatabase'
import { PostgresPrivateCards } from './PostgresPrivateCards'
import { PostgresVotes } from './PostgresVotes'
import { PostgresWatchLinks } from './PostgresWatchLinks'
import { PostgresHiddenCards } from './PostgresHiddenCards'
import { insertLedgerEntries, ledgerColumns } from './postgresLedger'

type Queryable = Pick<PoolClient, 'query'>

/** Boards, people, the ledger as read back, licences and imported shapes in PostgreSQL. */
export class PostgresBoardRepository implements BoardRepository {
  private readonly votes: PostgresVotes
  private readonly watchLinks: PostgresWatchLinks
  private readonly privateCards: PostgresPrivateCards
  private readonly hidden: PostgresHiddenCards

  constructor(private readonly database: PostgresDatabase) {
    this.votes = new PostgresVotes(database)
    this.watchLinks = new PostgresWatchLinks(database)
    this.privateCards = new PostgresPrivateCards(database)
    this.hidden = new PostgresHiddenCards(database)
  }

  async createBoard({ info, initialState, schema, creator, ledger, imported }: NewBoard) {
    await this.database.transaction(async (client) => {
      await client.query(
        'INSERT INTO boards (id, title, created_at, schema) VALUES ($1, $2, $3, $4)',
        [info.id, info.title, info.createdAt, JSON.stringify(schema)],
      )
      await client.query('INSERT INTO snapshots (board_id, state, up_to_seq) VALUES ($1, $2, 0)', [
        info.id,
        asBuffer(initialState),
      ])
      if (creator) await insertParticipant(client, creator)
      if (ledger?.length) {
        const { entries } = sealEntries(info.id, EMPTY_LEDGER_HEAD, ledger, nativeSha256Hex)
        await client.query(insertLedgerEntries(1), ledgerColumns(entries))
      }
      if (imported?.size) await insertImported(client, info.id, imported)
    })
  }

  async getBoard(boardId: string): Promise<BoardInfo | undefined> {
    const { rows } = await this.database.pool.query<{
      id: string
      title: string
      created_at: number
    }>('SELECT id, title, created_at FROM boards WHERE id = $1', [boardId])
    const row = rows[0]
    return row && { id: row.id, title: row.title, createdAt: row.created_at }
  }

  async addParticipant(participant: StoredParticipant): Promise<void> {
    await insertParticipant(this.database.pool, participant)
  }

  async getParticipant(participantId: string): Promise<StoredParticipant | undefined> {
    const { rows } = await this.database.pool.query<ParticipantRow>(
      'SELECT * FROM participants WHERE id = $1',
      [participantId],
    )
    return rows[0] && participantFromRow(rows[0])
  }

  async updateParticipant(profile: ParticipantProfile): Promise<void> {
    await this.database.pool.query(
      `UPDATE participants SET name = $2, role = $3, role_other = $4, credit = $5, pseudonym = $6
        WHERE id = $1`,
      [
        profile.id,
        profile.name,
        profile.role,
        profile.roleOther,
        profile.credit,
        profile.pseudonym,
      ],
    )
  }

  async setFacilitating(
    participantId: string,
    facilitates: boolean,
    step: LedgerDraft,
  ): Promise<FacilitatingChange> {
    // Only to learn the board: a participant never changes board.
    const { boardId } = (await this.getParticipant(participantId)) ?? {}
    if (!boardId) throw new Error(`Participant ${participantId} does not exist`)
    return this.database.transaction(async (client): Promise<FacilitatingChange> => {
      // Under the board's lock the count and the change cannot interleave with another's, so
      // two facilitators taking it from each other at once cannot leave the board with none.
      await lockBoard(client, boardId)
      const { rows } = await client.query<ParticipantRow>(
        'SELECT * FROM participants WHERE board_id = $1',
        [boardId],
      )
      const everyone = rows.map(participantFromRow)
      const facilitating = everyone.filter((p) => p.capabilities.includes('facilitate'))
      const capabilities = everyone.find((p) => p.id === participantId)?.capabilities ?? []
      if (capabilities.includes('facilitate') === facilitates) return 'unchanged'
      if (!facilitates && facilitating.length === 1) return 'last-facilitator'
      await client.query('UPDATE participants SET capabilities = $2 WHERE id = $1', [
        participantId,
        withFacilitating(capabilities, facilitates).join(' '),
      ])
      await appendLedger(client, boardId, step)
      return 'changed'
    })
  }

  async removeParticipant(participantId: string, step: LedgerDraft): Promise<boolean> {
    // Only to learn the board: a participant never changes board.
    const { boardId } = (await this.getParticipant(participantId)) ?? {}
    if (!boardId) throw new Error(`Participant ${participantId} does not exist`)
    return this.database.transaction(async (client) => {
      await lockBoard(client, boardId)
      const { rowCount } = await client.query(
        "UPDATE participants SET capabilities = '' WHERE id = $1 AND capabilities != ''",
        [participantId],
      )
      if (!rowCount) return false
      await appendLedger(client, boardId, step)
      return true
    })
  }

  readHiddenCards(boardId: string): Promise<StoredHiddenCard[]> {
    return this.hidden.read(boardId)
  }

  changeHiddenCard(
    boardId: string,
    shapeId: string,
    change: HiddenCardChange,
    step: LedgerDraft,
  ): Promise<boolean> {
    return this.hidden.change(boardId, shapeId, change, step)
  }

  async getSession(boardId: string): Promise<SessionState> {
    return readSession(this.database.pool, boardId)
  }

  async changeSession(
    boardId: string,
    change: (session: SessionState) => SessionState,
    step: LedgerDraft,
  ): Promise<SessionState> {
    return this.database.transaction(async (client) => {
      // Under the board's lock, so two facilitators changing it at once each change what the
      // other left.
      await lockBoard(client, boardId)
      const session = change(await readSession(client, boardId))
      await client.query(
        `INSERT INTO board_sessions (board_id, state) VALUES ($1, $2)
          ON CONFLICT (board_id) DO UPDATE SET state = excluded.state`,
        [boardId, JSON.stringify(session)],
      )
      await appendLedger(client, boardId, step)
      return session
    })
  }

  savePrivateCard(
    boardId: string,
    participantId: string,
    record: PrivateCardShape,
    now: number,
  ): Promise<PrivateCardChange> {
    return this.privateCards.save(boardId, participantId, record, now)
  }

  deletePrivateCard(
    boardId: string,
    participantId: string,
    shapeId: string,
  ): Promise<PrivateCardChange> {
    return this.privateCards.remove(boardId, participantId, shapeId)
  }

  readPrivateCards(boardId: string, participantId?: string): Promise<PrivateCard[]> {
    return this.privateCards.read(boardId, participantId)
  }

  markPrivateCardsPlaced(boardId: string, ids: readonly string[]): Promise<void> {
    return this.privateCards.markPlaced(boardId, ids)
  }

  readVote(boardId: string): Promise<StoredVote | undefined> {
    return this.votes.read(boardId)
  }

  openVote(boardId: string, vote: NewVote, step: LedgerDraft): Promise<DotVote | undefined> {
    return this.votes.open(boardId, vote, step)
  }

  closeVote(boardId: string, at: number, step: LedgerDraft): Promise<DotVote | undefined> {
    return this.votes.close(boardId, at, step)
  }

  castDots(...args: Parameters<BoardRepository['castDots']>): Promise<CastOutcome> {
    return this.votes.cast(...args)
  }

  createWatchLink(link: StoredWatchLink, step: LedgerDraft): Promise<void> {
    return this.watchLinks.create(link, step)
  }

  getWatchLink(linkId: string): Promise<StoredWatchLink | undefined> {
    return this.watchLinks.get(linkId)
  }

  listWatchLinks(boardId: string): Promise<StoredWatchLink[]> {
    return this.watchLinks.list(boardId)
  }

  revokeWatchLink(
    ...args: Parameters<BoardRepository['revokeWatchLink']>
  ): Promise<StoredWatchLink | undefined> {
    return this.watchLinks.revoke(...args)
  }

  async listParticipants(boardId: string): Promise<StoredParticipant[]> {
    const { rows } = await this.database.pool.query<ParticipantRow>(
      'SELECT * FROM participants WHERE board_id = $1 ORDER BY created_at, joined',
      [boardId],
    )
    return rows.map(participantFromRow)
  }

  async readLedger(boardId: string, query: LedgerQuery = {}): Promise<LedgerEntry[]> {
    const { rows } = await this.database.pool.query<LedgerRow>(
      `SELECT * FROM ledger WHERE board_id = $1
        AND ($2::text IS NULL OR record_id = $2)
        ORDER BY seq`,
      [boardId, query.recordId ?? null],
    )
    return rows.map(entryFromRow)
  }

  async readAuthorshipJson(boardId: string): Promise<string> {
    const { rows } = await this.database.pool.query<{ drafts: string }>(
      `SELECT coalesce(json_agg(json_build_object('at', at, 'participantId', participant_id,
          'writtenDownBy', written_down_by, 'action', action, 'recordId', record_id,
          'recordType', record_type) ORDER BY seq), '[]')::text AS drafts
        FROM ledger WHERE board_id = $1 AND action <> 'arranged'`,
      [boardId],
    )
    return (rows[0] as { drafts: string }).drafts
  }

  async readImported(boardId: string): Promise<Map<string, ImportedAttribution>> {
    const { rows } = await this.database.pool.query<ImportedRow>(
      'SELECT * FROM imported_shapes WHERE board_id = $1',
      [boardId],
    )
    return new Map(rows.map((row) => [row.shape_id, importedFromRow(row)]))
  }

  async getLicence(boardId: string): Promise<LicenceChoice | undefined> {
    const { rows } = await this.database.pool.query<{
      licence: string
      set_by: string
      set_at: number
    }>('SELECT licence, set_by, set_at FROM board_licences WHERE board_id = $1', [boardId])
    const row = rows[0]
    return row && { id: row.licence as LicenceId, setBy: row.set_by, setAt: row.set_at }
  }

  async setLicence(boardId: string, choice: RecordedLicenceChoice): Promise<void> {
    await this.database.pool.query(
      `INSERT INTO board_licences (board_id, licence, set_by, set_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (board_id) DO UPDATE SET licence = excluded.licence, set_by = excluded.set_by,
          set_at = excluded.set_at`,
      [boardId, choice.id, choice.setBy, choice.setAt],
    )
  }
}

/** Inserts a participant (on its own, or inside a transaction). */
export async function insertParticipant(
  client: Queryable,
  participant: StoredParticipant,
): Promise<void> {
  await client.query(
    `INSERT INTO participants (${PARTICIPANT_COLUMNS})
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    participantValues(participant),
  )
}

export async function readSession(client: Queryable, boardId: string): Promise<SessionState> {
  const { rows } = await client.query<SessionRow>(
    'SELECT state FROM board_sessions WHERE board_id = $1',
    [boardId],
  )
  return sessionFromRow(rows[0])
}

async function insertImported(
  client: Queryable,
  boardId: string,
  imported: ReadonlyMap<string, ImportedAttribution>,
): Promise<void> {
  const rows = [...imported]
  await client.query(
    `INSERT INTO imported_shapes (board_id, shape_id, from_title, exported_at, imported_at,
      author_name, author_role, added_at)
      SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[],
        $7::text[], $8::bigint[])`,
    [
      boardId,
      rows.map(([shapeId]) => shapeId),
      rows.map(([, a]) => a.from),
      rows.map(([, a]) => a.exportedAt),
      rows.map(([, a]) => a.importedAt),
      rows.map(([, a]) => a.author?.name ?? null),
      rows.map(([, a]) => a.author?.role ?? null),
      rows.map(([, a]) => a.author?.addedAt ?? null),
    ],
  )
}
