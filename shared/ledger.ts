import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/**
 * What a ledger entry says a participant did to one record:
 * - `created`: added it (authorship);
 * - `words`: wrote or changed its words (authorship; see shared/wordProps.ts);
 * - `arranged`: moved, resized or restyled it (never changes who it is credited to);
 * - `deleted`: removed it;
 * - `process`: ran the session (shared/processSteps.ts): the record is what the step concerns
 *   (a person given facilitating…) and the record type which step it was. Never authorship,
 *   and counted in no voice balance: the facilitator holds the process, not the pen.
 */
export const LEDGER_ACTIONS = ['created', 'words', 'arranged', 'deleted', 'process'] as const

/** One of {@link LEDGER_ACTIONS}. */
export type LedgerAction = (typeof LEDGER_ACTIONS)[number]

/** The hash before a board's first entry: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * What the server witnessed one connection's update do to one record, before it is sealed into
 * the chain (given a sequence number, the previous hash and its own hash).
 */
export interface LedgerDraft {
  /** Server time, epoch ms. */
  readonly at: number
  /** Who is credited: the connection's participant, or the person they are writing for. */
  readonly participantId: string
  /** The participant who typed it, when they were adding for someone else; otherwise null. */
  readonly writtenDownBy: string | null
  readonly action: LedgerAction
  /** The tldraw record id, e.g. `shape:abc`. */
  readonly recordId: string
  /** The record's kind: its shape type for shapes (`note`, `geo`…), else its type name (`page`). */
  readonly recordType: string
}

/**
 * One entry of a board's contribution ledger. Entries are appended, never rewritten; each
 * carries the hash of the one before, so changing, removing or reordering any stored entry is
 * detectable by {@link verifyLedger}. The ledger holds opaque participant ids, never names, so
 * it stays valid when people change how they are credited.
 */
export interface LedgerEntry extends LedgerDraft {
  readonly boardId: string
  /** 1 for a board's first entry, then consecutive. */
  readonly seq: number
  /** `hash` of the entry before, or {@link GENESIS_HASH} for the first. */
  readonly prevHash: string
  /** SHA-256 (hex) of {@link canonicalEntry}. */
  readonly hash: string
}

/** Version tag inside every hashed entry, so a future format can never collide with this one. */
export const LEDGER_FORMAT = 'commonmap-ledger/1'

/** The fields an entry's hash covers, in the order they are hashed, after {@link LEDGER_FORMAT}. */
export const LEDGER_HASHED_FIELDS = [
  'boardId',
  'seq',
  'at',
  'participantId',
  'writtenDownBy',
  'action',
  'recordId',
  'recordType',
  'prevHash',
] as const satisfies readonly (keyof Omit<LedgerEntry, 'hash'>)[]

/**
 * The exact bytes an entry's hash covers: every field but the hash itself, the previous hash
 * included, as a JSON array in a fixed order (so no key ordering or whitespace can vary).
 */
export function canonicalEntry(entry: Omit<LedgerEntry, 'hash'>): string {
  return JSON.stringify([LEDGER_FORMAT, ...LEDGER_HASHED_FIELDS.map((field) => entry[field])])
}

/** SHA-256 of a string's UTF-8 bytes, as lowercase hex. */
export type Sha256Hex = (text: string) => string

/** {@link Sha256Hex} in plain JavaScript: synchronous, and runs in Node and browsers alike. */
export const sha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)))

/**
 * SHA-256 (lowercase hex) of an entry's canonical form. A server may pass its platform's native
 * SHA-256, which hashes the same bytes several times faster.
 */
export function hashEntry(entry: Omit<LedgerEntry, 'hash'>, hash: Sha256Hex = sha256Hex): string {
  return hash(canonicalEntry(entry))
}

/** The chain's end: what the next entry links to. */
export interface LedgerHead {
  readonly seq: number
  readonly hash: string
}

/** The head of an empty ledger. */
export const EMPTY_LEDGER_HEAD: LedgerHead = { seq: 0, hash: GENESIS_HASH }

/**
 * Seals drafts onto the chain after `head`: numbers them, links and hashes them in order (with
 * `hash`, the shared JavaScript SHA-256 unless the caller has a native one).
 */
export function sealEntries(
  boardId: string,
  head: LedgerHead,
  drafts: readonly LedgerDraft[],
  hash: Sha256Hex = sha256Hex,
): { entries: LedgerEntry[]; head: LedgerHead } {
  const entries: LedgerEntry[] = []
  let seq = head.seq
  let previous = head.hash
  for (const draft of drafts) {
    const unsealed = {
      boardId,
      seq: ++seq,
      at: draft.at,
      participantId: draft.participantId,
      writtenDownBy: draft.writtenDownBy,
      action: draft.action,
      recordId: draft.recordId,
      recordType: draft.recordType,
      prevHash: previous,
    }
    previous = hashEntry(unsealed, hash)
    entries.push({ ...unsealed, hash: previous })
  }
  return { entries, head: { seq, hash: previous } }
}

/** The outcome of {@link verifyLedger}. */
export type LedgerVerification =
  | { readonly ok: true; readonly entries: number; readonly head: LedgerHead }
  | { readonly ok: false; readonly index: number; readonly reason: string }

/**
 * Checks a board's whole ledger, from its first entry: consecutive sequence numbers from 1, one
 * board, every entry's hash recomputed from its fields, and every entry linked to the hash of
 * the one before. Any change to any stored field of any entry, a removed entry or a reordering
 * makes it fail, and says where.
 */
export function verifyLedger(entries: readonly LedgerEntry[]): LedgerVerification {
  let head = EMPTY_LEDGER_HEAD
  const boardId = entries[0]?.boardId
  for (const [index, entry] of entries.entries()) {
    const fail = (reason: string): LedgerVerification => ({ ok: false, index, reason })
    if (entry.boardId !== boardId) return fail('The entry belongs to another board.')
    if (entry.seq !== head.seq + 1)
      return fail(`Expected entry ${head.seq + 1}, found ${entry.seq}.`)
    if (entry.prevHash !== head.hash) return fail('The entry does not link to the one before it.')
    if (!(LEDGER_ACTIONS as readonly string[]).includes(entry.action)) {
      return fail('The entry has an unknown action.')
    }
    if (hashEntry(entry) !== entry.hash) return fail('The entry was changed after it was written.')
    head = { seq: entry.seq, hash: entry.hash }
  }
  return { ok: true, entries: entries.length, head }
}
