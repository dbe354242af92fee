import { isEqual, type TLRecord, type TLStore } from 'tldraw'
import type * as Y from 'yjs'
import { validateBoardRecord } from '../../../shared/boardRecords'
import { MAX_CHANGE_BYTES, MAX_RECORD_BYTES } from '../../../shared/limits'
import { openRecordStore } from './openRecordStore'
import { splitIntoChanges } from './splitIntoChanges'

export interface BindStoreToYDocOptions {
  /**
   * Called for each record from the document that is not put into the store: not valid for our
   * schema, an unknown type, a per-tab record (instance, camera, presence…) that has no business
   * in a shared board, or one that tldraw refused. Syncing carries on. Defaults to `console.warn`.
   * (The server refuses such records, so this only happens with a board a server never checked.)
   */
  onInvalidRecord?: (record: unknown, error: unknown) => void
  /**
   * Called with a record of this person's that is too large to share (over MAX_RECORD_BYTES):
   * it is put back as the board has it, and the app says why. Defaults to `console.warn`.
   */
  onTooLarge?: (record: TLRecord) => void
}

type TLSchema = TLStore['schema']
/** A record to write, or without `record` one to delete. */
type RecordWrite = { readonly id: string; readonly record?: TLRecord }
type YKeyValueChange =
  | { action: 'add'; newValue: unknown }
  | { action: 'update'; oldValue: unknown; newValue: unknown }
  | { action: 'delete'; oldValue: unknown }

/**
 * Keeps a tldraw store and a board's Y.Doc in step, following the layout in shared/docLayout.ts.
 * Call it once the doc holds what is known of the board (after the first sync or y-indexeddb's
 * load), and only when the board's schema, as the server states it, is the store's: the server
 * migrates boards, so a client never reads or writes another schema's records. Reconnects need
 * no rebinding, Yjs merges them. The doc is the truth: the store's own document records that the
 * doc lacks are dropped at bind time, except when the doc is empty, which is then seeded from
 * the store. Returns the function that stops syncing.
 */
export function bindStoreToYDoc(
  store: TLStore,
  doc: Y.Doc,
  { onInvalidRecord = warnInvalidRecord, onTooLarge = warnTooLarge }: BindStoreToYDocOptions = {},
): () => void {
  const schema = store.schema
  const { yStore, close: closeRecordStore } = openRecordStore(doc)
  // A per-binding origin marks our own writes, so we skip exactly those and still apply anything
  // else that writes records (another binding, a script, a restore from y-indexeddb).
  const origin = Symbol('bindStoreToYDoc')

  const applyToStore = (puts: TLRecord[], removes: TLRecord['id'][]) => {
    if (!puts.length && !removes.length) return
    // tldraw runs side effects while it puts records (a binding looks up the shapes it joins);
    // putting shapes before bindings keeps those lookups from failing.
    const ordered = [...puts].sort((a, b) => applyRank(a) - applyRank(b))
    try {
      store.mergeRemoteChanges(() => {
        if (removes.length) store.remove(removes)
        if (ordered.length) store.put(ordered)
      })
    } catch {
      // tldraw rolled the whole batch back. Apply it record by record so that one record it
      // refuses cannot hold back the rest.
      for (const id of removes) {
        mergeOrReport(
          store,
          () => store.remove([id]),
          store.unsafeGetWithoutCapture(id),
          onInvalidRecord,
        )
      }
      for (const record of ordered) {
        mergeOrReport(store, () => store.put([record]), record, onInvalidRecord)
      }
    }
  }

  const writeToDoc = (ids: Iterable<TLRecord['id']>) => {
    const writes: TLRecord[] = []
    const deletes: string[] = []
    for (const id of ids) {
      // The store's current value, not the one in the change: in a browser the listener runs a
      // frame late, and a remote change to the same record may have landed since. Writing the
      // older value would leave this store and every other client disagreeing.
      const record = store.unsafeGetWithoutCapture(id)
      if (record) {
        // Skipping equal values keeps reconnects and repeated identical edits from sending
        // updates every other client then has to apply.
        if (!isEqual(yStore.get(id), record)) writes.push(record)
      } else if (yStore.has(id)) {
        deletes.push(id)
      }
    }
    if (!writes.length && !deletes.length) return
    const sizes = new Map(writes.map((record) => [record, recordBytes(record)]))
    const tooLarge = writes.filter((record) => sizes.get(record)! > MAX_RECORD_BYTES)
    if (tooLarge.length) putBack(tooLarge)
    writeInChanges(
      // Bindings are deleted before and written after the shapes they join, so a client that
      // receives one change before the next never holds a binding to a missing shape.
      [
        ...deletes.sort((a, b) => deleteRank(b) - deleteRank(a)).map((id): RecordWrite => ({ id })),
        ...writes
          .filter((record) => !tooLarge.includes(record))
          .sort((a, b) => applyRank(a) - applyRank(b))
          .map((record) => ({ id: record.id, record })),
      ],
      (write) => (write.record ? sizes.get(write.record)! : DELETE_BYTES),
    )
  }

  /** Writes in as many changes as keep each under MAX_CHANGE_BYTES. */
  const writeInChanges = (
    writes: readonly RecordWrite[],
    sizeOf: (write: RecordWrite) => number,
  ) => {
    for (const change of splitIntoChanges(writes, sizeOf, MAX_CHANGE_BYTES)) {
      doc.transact(() => {
        for (const { id, record } of change) {
          if (record) yStore.set(id, record)
          else yStore.delete(id)
        }
      }, origin)
    }
  }

  /** Puts the board's own version of records too large to share back into the store. */
  const putBack = (records: readonly TLRecord[]) => {
    const shared = records.flatMap((record) => {
      const kept = yStore.get(record.id)
      return kept ? [kept] : []
    })
    const unshared = records.filter((record) => !yStore.has(record.id)).map((record) => record.id)
    applyToStore(shared, unshared)
    for (const record of records) onTooLarge(record)
  }

  // Listening before the initial load matters: loading runs tldraw's integrity check and side
  // effects, which may create records (a missing document or page) as the person's own changes,
  // and the board must get those too.
  const stopListening = store.listen(
    ({ changes }) =>
      writeToDoc(
        [changes.added, changes.updated, changes.removed].flatMap(
          (group) => Object.keys(group) as TLRecord['id'][],
        ),
      ),
    { source: 'user', scope: 'document' },
  )

  if (yStore.map.size === 0) {
    const seed = store
      .allRecords()
      .filter((record) => isDocumentRecord(schema, record))
      .sort((a, b) => applyRank(a) - applyRank(b))
      .map((record) => ({ id: record.id, record }))
    writeInChanges(seed, ({ record }) => recordBytes(record!))
  } else {
    const records: TLRecord[] = []
    for (const { key, val } of yStore.map.values()) {
      try {
        records.push(validateBoardRecord(schema, key, val) as TLRecord)
      } catch (error) {
        onInvalidRecord(val, error)
      }
    }
    const kept = new Set<string>(records.map((record) => record.id))
    const stale = store
      .allRecords()
      .filter((record) => isDocumentRecord(schema, record) && !kept.has(record.id))
      .map((record) => record.id)
    applyToStore(records, stale)
  }

  const onRecordsChange = (changes: Map<string, YKeyValueChange>, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return
    const puts: TLRecord[] = []
    const removes: TLRecord['id'][] = []
    for (const [key, change] of changes) {
      if (change.action === 'delete') {
        const existing = store.unsafeGetWithoutCapture(key as TLRecord['id'])
        // Only records the board can hold: a crafted delete must not remove this tab's own state.
        if (existing && isDocumentRecord(schema, existing)) removes.push(existing.id)
        continue
      }
      try {
        const existing = store.unsafeGetWithoutCapture(key as TLRecord['id'])
        puts.push(validateBoardRecord(schema, key, change.newValue, existing) as TLRecord)
      } catch (error) {
        onInvalidRecord(change.newValue, error)
      }
    }
    applyToStore(puts, removes)
  }

  yStore.on('change', onRecordsChange)

  let bound = true
  return () => {
    if (!bound) return
    bound = false
    stopListening()
    yStore.off('change', onRecordsChange)
    closeRecordStore()
  }
}

function isDocumentRecord(schema: TLSchema, record: TLRecord): boolean {
  return schema.types[record.typeName].scope === 'document'
}

function applyRank(record: TLRecord): number {
  return record.typeName === 'binding' ? 1 : 0
}

function deleteRank(id: string): number {
  return id.startsWith('binding:') ? 1 : 0
}

/** What a deletion adds to a change, at most (Yjs encodes it as a range of ids). */
const DELETE_BYTES = 16

const utf8 = new TextEncoder()

/** About what a record adds to a change: Yjs encodes it a little smaller than its JSON. */
function recordBytes(record: TLRecord): number {
  return utf8.encode(JSON.stringify(record)).byteLength
}

function mergeOrReport(
  store: TLStore,
  apply: () => void,
  record: unknown,
  onInvalidRecord: (record: unknown, error: unknown) => void,
) {
  try {
    store.mergeRemoteChanges(apply)
  } catch (error) {
    onInvalidRecord(record, error)
  }
}

function warnTooLarge(record: TLRecord) {
  console.warn('Commonmap did not share a record too large for the board', record.id)
}

function warnInvalidRecord(record: unknown, error: unknown) {
  console.warn('Commonmap skipped a record of this board that it cannot use', record, error)
}
