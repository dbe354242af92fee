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
 * - `participants` (Y.Map): no longer written or read. Clients wrote their own entries here before
 *   the server knew who people were; kept only so old boards still load.
 *
 * Server-owned roots: written only by the server. A client that writes to them changes nothing
 * anyone sees: the server writes the truth back in the same relayed update (see
 * server/room/ServerOwnedData.ts).
 * - `people` (Y.Map): participant id → `CreditedParticipant` (shared/credit.ts), everyone on the
 *   board as they chose to be credited, plus `contributions` (how many shapes they are credited
 *   on). A "not named" person's name never appears here.
 * - `attribution` (Y.Map): shape id → `RecordAttribution` (shared/attribution.ts), derived from
 *   the contribution ledger. Clients show this, never a shape's `meta.createdBy`.
 * - `voiceBalance` (Y.Map): key `current` → `VoiceBalance` (shared/voiceBalance.ts), role-level.
 * - `settings` (Y.Map): the board's settings a participant chose through the API, with who chose
 *   them. Key `licence` → `LicenceChoice` (shared/export/licences.ts); absent until someone
 *   chooses, which means the default licence (read it with `licenceInForce`).
 */
export const DocRoot = {
  records: 'records',
  meta: 'meta',
  participants: 'participants',
  people: 'people',
  attribution: 'attribution',
  voiceBalance: 'voiceBalance',
  settings: 'settings',
} as const

/** The roots only the server writes (see above). */
export const SERVER_OWNED_ROOTS = [
  DocRoot.people,
  DocRoot.attribution,
  DocRoot.voiceBalance,
  DocRoot.settings,
] as const

/** The key of the one value in the `voiceBalance` root. */
export const VOICE_BALANCE_KEY = 'current'

/** Keys of the `settings` root. */
export const SettingsKey = {
  licence: 'licence',
} as const

/** An entry of the `people` root: the credited participant and their number of contributions. */
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
 * The server-owned `people` root: {@link PublishedPerson} values by participant id. Typed
 * `unknown` because a client may write anything for a moment before the server corrects it;
 * validate entries before use.
 */
export function getPeopleMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.people)
}

/** The server-owned `attribution` root: `RecordAttribution` values by shape id (validate them). */
export function getAttributionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.attribution)
}

/** The server-owned `voiceBalance` root (one `VoiceBalance` under {@link VOICE_BALANCE_KEY}). */
export function getVoiceBalanceMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.voiceBalance)
}

/** The server-owned `settings` root (see {@link SettingsKey}; validate values before use). */
export function getSettingsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.settings)
}
