import { isCapability, type Capability } from '../../shared/capabilities'
import type { CreditLevel } from '../../shared/credit'
import { HIDE_REASONS } from '../../shared/hiddenCards'
import type { ImportedAttribution } from '../../shared/importedAttribution'
import type { LedgerAction, LedgerEntry } from '../../shared/ledger'
import type { RoleId } from '../../shared/roles'
import type { PrivateCard, PrivateCardShape } from '../../shared/privateRound'
import {
  EMPTY_SESSION,
  sessionStateValidator,
  type SessionRound,
  type SessionState,
} from '../../shared/sessionState'
import { asBuffer } from './asBuffer'
import type {
  PrivateCardChange,
  StoredHiddenCard,
  StoredParticipant,
  StoredWatchLink,
} from './BoardRepository'

/*
 * Rows as both SQL backends store them (the same columns in SQLite and PostgreSQL), and the
 * values they stand for.
 */

/** A `participants` row. */
export interface ParticipantRow {
  id: string
  board_id: string
  name: string
  role: string
  role_other: string | null
  credit: string
  pseudonym: string | null
  color: string
  token_hash: Buffer | null
  added_by: string | null
  created_at: number
  capabilities: string
}

/** The participant a row stands for. */
export function participantFromRow(row: ParticipantRow): StoredParticipant {
  return {
    id: row.id,
    boardId: row.board_id,
    name: row.name,
    role: row.role as RoleId,
    roleOther: row.role_other,
    credit: row.credit as CreditLevel,
    pseudonym: row.pseudonym,
    color: row.color,
    withoutDevice: row.token_hash === null,
    addedBy: row.added_by,
    createdAt: row.created_at,
    tokenHash: row.token_hash,
    capabilities: row.capabilities.split(' ').filter(isCapability) as Capability[],
  }
}

/** The columns of a `participants` row, in the order of {@link participantValues}. */
export const PARTICIPANT_COLUMNS =
  'id, board_id, name, role, role_other, credit, pseudonym, color, token_hash, added_by, created_at, capabilities'

/** The values of the row that stores a participant, in the order of {@link PARTICIPANT_COLUMNS}. */
export function participantValues(participant: StoredParticipant): unknown[] {
  return [
    participant.id,
    participant.boardId,
    participant.name,
    participant.role,
    participant.roleOther,
    participant.credit,
    participant.pseudonym,
    participant.color,
    participant.tokenHash && asBuffer(participant.tokenHash),
    participant.addedBy,
    participant.createdAt,
    participant.capabilities.join(' '),
  ]
}

/** An `imported_shapes` row (without its board). */
export interface ImportedRow {
  shape_id: string
  from_title: string | null
  exported_at: number | null
  imported_at: number
  author_name: string | null
  author_role: string | null
  added_at: number | null
}

/** Where an imported shape came from, as a row says. */
export function importedFromRow(row: ImportedRow): ImportedAttribution {
  return {
    from: row.from_title,
    exportedAt: row.exported_at,
    importedAt: row.imported_at,
    author:
      row.author_name === null
        ? null
        : { name: row.author_name, role: row.author_role, addedAt: row.added_at },
  }
}

/** A `ledger` row. */
export interface LedgerRow {
  board_id: string
  seq: number
  at: number
  participant_id: string
  written_down_by: string | null
  action: string
  record_id: string
  record_type: string
  prev_hash: string
  hash: string
}

/** The ledger entry a row stands for. */
export function entryFromRow(row: LedgerRow): LedgerEntry {
  return {
    boardId: row.board_id,
    seq: row.seq,
    at: row.at,
    participantId: row.participant_id,
    writtenDownBy: row.written_down_by,
    action: row.action as LedgerAction,
    recordId: row.record_id,
    recordType: row.record_type,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

/** A `board_sessions` row. */
export interface SessionRow {
  state: string
}

/**
 * The session a board's row stands for: none (no row) or one that no longer validates (an
 * older format) counts as not run.
 */
export function sessionFromRow(row: SessionRow | undefined): SessionState {
  if (!row) return EMPTY_SESSION
  const stored: unknown = JSON.parse(row.state)
  return sessionStateValidator.isValid(stored) ? stored : EMPTY_SESSION
}

/** The columns of a `watch_links` row, in the order {@link watchLinkValues} gives them. */
export const WATCH_LINK_COLUMNS =
  'id, board_id, token_hash, created_by, created_at, revoked_by, revoked_at'

/** A `watch_links` row, as both databases return it. */
export interface WatchLinkRow {
  readonly id: string
  readonly board_id: string
  readonly token_hash: Uint8Array
  readonly created_by: string
  readonly created_at: number
  readonly revoked_by: string | null
  readonly revoked_at: number | null
}

/** A watch link from its row. */
export function watchLinkFromRow(row: WatchLinkRow): StoredWatchLink {
  return {
    id: row.id,
    boardId: row.board_id,
    tokenHash: row.token_hash,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedBy: row.revoked_by,
    revokedAt: row.revoked_at,
  }
}

/** A watch link's values for the {@link WATCH_LINK_COLUMNS}. */
export function watchLinkValues(link: StoredWatchLink): unknown[] {
  return [
    link.id,
    link.boardId,
    asBuffer(link.tokenHash),
    link.createdBy,
    link.createdAt,
    link.revokedBy,
    link.revokedAt,
  ]
}

/** A `private_cards` row: one card written in a private round (SQLite, PostgreSQL alike). */
export interface PrivateCardRow {
  board_id: string
  id: string
  participant_id: string
  record: string
  /** A number in SQLite; PostgreSQL's driver gives a bigint as a string. */
  written_at: number | string
  round: number | string
  placed: number
}

/** The card a `private_cards` row stands for. */
export function privateCardFromRow(row: PrivateCardRow): PrivateCard {
  return {
    boardId: row.board_id,
    record: JSON.parse(row.record) as PrivateCardShape,
    participantId: row.participant_id,
    writtenAt: Number(row.written_at),
    round: Number(row.round),
  }
}

/**
 * Whether a person may write or take back a card in the private round, given the card stored
 * under its id (if any): only while a round is open, and only their own card of this round
 * that was not revealed yet (ids are chosen by devices, so one can name someone else's).
 */
export function privateCardChange(
  round: SessionRound | null | undefined,
  existing: PrivateCardRow | undefined,
  participantId: string,
): PrivateCardChange {
  if (!round) return 'no-round'
  if (!existing) return 'saved'
  const own =
    existing.participant_id === participantId &&
    Number(existing.round) === round.startedAt &&
    existing.placed === 0
  return own ? 'saved' : 'not-yours'
}

/** A `hidden_cards` row (without its board). */
export interface HiddenCardRow {
  shape_id: string
  hidden_at: number
  hidden_by: string
  reason: string | null
  removed_at: number | null
  removed_by: string | null
}

/** The columns of a `hidden_cards` row, in the order of {@link hiddenCardValues}. */
export const HIDDEN_CARD_COLUMNS =
  'board_id, shape_id, hidden_at, hidden_by, reason, removed_at, removed_by'

/** The card hidden for review a row stands for (a reason no longer known counts as none). */
export function hiddenCardFromRow(row: HiddenCardRow): StoredHiddenCard {
  return {
    shapeId: row.shape_id,
    at: row.hidden_at,
    by: row.hidden_by,
    reason: HIDE_REASONS.has(row.reason) ? row.reason : null,
    removedAt: row.removed_at,
    removedBy: row.removed_by,
  }
}

/** The values of the row that stores a hidden card, in the order of {@link HIDDEN_CARD_COLUMNS}. */
export function hiddenCardValues(boardId: string, card: StoredHiddenCard): unknown[] {
  return [boardId, card.shapeId, card.at, card.by, card.reason, card.removedAt, card.removedBy]
}
