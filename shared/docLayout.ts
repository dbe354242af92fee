import type { SerializedSchema } from '@tldraw/store'
import type { CreditedParticipant } from './credit'
import type { TLRecord } from '@tldraw/tlschema'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'

/**
 * The layout of a board's Yjs document. This is a public contract: the server, every client
 * and any script that reads a board agree on it (see docs/ARCHITECTURE.md).
 *
 * - `records` (Y.Array, used through y-utility's YKeyValue): one entry per tldraw record,
 *   key = record id, value = the whole record. YKeyValue, not Y.Map, because a Y.Map keeps every
 *   overwritten value and a board whose shapes move a lot would grow a hundredfold.
 * - `meta` (Y.Map): `schema` holds the serialized tldraw schema the records conform to.
 *
 * Server-owned roots: written only by the server. A client that writes to them changes nothing
 * anyone sees: the server writes the truth back in the same relayed update (see
 * server/room/BoardAuthority.ts).
 * - `participants` (Y.Map): participant id → `PublishedPerson`: the `CreditedParticipant`
 *   (shared/credit.ts: `id`, `name`, `role`, `color`, …) as each person chose to be credited,
 *   plus `contributions` (how many shapes they are credited on). A "not named" person's name
 *   never appears here. (Before the server knew who people were, clients wrote their own
 *   `{ id, name, role, color }` here; the server replaces such entries when it loads a board.)
 * - `attribution` (Y.Map): shape id → `RecordAttribution` (shared/attribution.ts), derived from
 *   the contribution ledger. Clients show this, never a shape's `meta.createdBy`.
 * - `voiceBalance` (Y.Map): key `current` → `VoiceBalance` (shared/voiceBalance.ts), role-level.
 * - `imported` (Y.Map): shape id → `ImportedAttribution` (shared/importedAttribution.ts), for
 *   shapes that came in with a board file: the board they came from and who that board credited
 *   them to. Written once, when the board is made from the file; kept in storage so it survives.
 * - `settings` (Y.Map): the board's settings a participant chose through the API, with who chose
 *   them. Key `licence` → `LicenceChoice` (shared/export/licences.ts); absent until someone
 *   chooses, which means the default licence (read it with `licenceInForce`).
 */
export const DocRoot = {
  records: 'records',
  meta: 'meta',
  participants: 'participants',
  attribution: 'attribution',
  voiceBalance: 'voiceBalance',
  imported: 'imported',
  settings: 'settings',
} as const

/** The roots only the server writes (see above). */
export const SERVER_OWNED_ROOTS = [
  DocRoot.participants,
  DocRoot.attribution,
  DocRoot.voiceBalance,
  DocRoot.imported,
  DocRoot.settings,
] as const

/** The key of the one value in the `voiceBalance` root. */
export const VOICE_BALANCE_KEY = 'current'

/** Keys of the `settings` root. */
export const SettingsKey = {
  licence: 'licence',
} as const

/** An entry of the `participants` root: the credited participant and their number of contributions. */
export interface PublishedPerson extends CreditedParticipant {
  /** How many shapes they are credited on (added, or changed the words of). */
  readonly contributions: number
}

/** Keys of the `meta` map. */
export const MetaKey = {
  schema: 'schema',
} as const

/**
 * The tldraw records of a board. Each call wraps the same shared array in a new YKeyValue, so
 * keep the returned object for the lifetime of a binding rather than calling this repeatedly.
 */
export function getRecordStore(doc: Y.Doc): YKeyValue<TLRecord> {
  return new YKeyValue<TLRecord>(doc.getArray<{ key: string; val: TLRecord }>(DocRoot.records))
}

/** The board's `meta` map. */
export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.meta)
}

/** The schema the board's records were written with, or undefined for an empty document. */
export function getStoredSchema(doc: Y.Doc): SerializedSchema | undefined {
  return getMetaMap(doc).get(MetaKey.schema) as SerializedSchema | undefined
}

/**
 * The server-owned `participants` root: {@link PublishedPerson} values by participant id. Typed
 * `unknown` because a client may write anything for a moment before the server corrects it;
 * validate entries before use.
 */
export function getParticipantsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.participants)
}

/** The server-owned `attribution` root: `RecordAttribution` values by shape id (validate them). */
export function getAttributionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.attribution)
}

/** The server-owned `voiceBalance` root (one `VoiceBalance` under {@link VOICE_BALANCE_KEY}). */
export function getVoiceBalanceMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.voiceBalance)
}

/**
 * The server-owned `imported` root: `ImportedAttribution` values by shape id, for shapes that
 * came in with a board file (validate them).
 */
export function getImportedMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.imported)
}

/** The server-owned `settings` root (see {@link SettingsKey}; validate values before use). */
export function getSettingsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.settings)
}
