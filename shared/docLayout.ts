import type { SerializedSchema } from '@tldraw/store'
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
 * - `participants` (Y.Map): participant id → `Participant` (shared/participant.ts).
 */
export const DocRoot = {
  records: 'records',
  meta: 'meta',
  participants: 'participants',
} as const

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
 * The board's participants, by participant id: {@link Participant} values. Typed `unknown`
 * because any client can write anything here; validate entries with `participantValidator`.
 */
export function getParticipantsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.participants)
}
