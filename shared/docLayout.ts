import type { TLRecord } from '@tldraw/tlschema'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'

/**
 * The layout of a board's Yjs document. This is a public contract: the server, every client
 * and any script that reads a board agree on it (see docs/ARCHITECTURE.md).
 *
 * The document holds what people write, and nothing else: one root, `records` (Y.Array, used
 * through y-utility's YKeyValue), with one entry per tldraw record, key = record id, value = the
 * whole record. YKeyValue, not Y.Map, because a Y.Map keeps every overwritten value and a board
 * whose shapes move a lot would grow a hundredfold.
 *
 * The server refuses any write to another root, and any record that is not valid for the
 * board's schema. What only the server decides (people, who is credited for what, the licence,
 * the schema itself) is not in the document: it travels on the server's own channel
 * (shared/serverState.ts). Boards saved before that kept it in roots of their own; the server
 * moves them over when it first loads them.
 */
export const DocRoot = {
  records: 'records',
} as const

/**
 * The tldraw records of a board. Each call wraps the same shared array in a new YKeyValue, so
 * keep the returned object for the lifetime of a binding rather than calling this repeatedly.
 */
export function getRecordStore(doc: Y.Doc): YKeyValue<TLRecord> {
  return new YKeyValue<TLRecord>(doc.getArray<{ key: string; val: TLRecord }>(DocRoot.records))
}
