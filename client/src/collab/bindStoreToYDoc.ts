import { isEqual, T, type SerializedSchema, type TLRecord, type TLStore } from 'tldraw'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import { DocRoot, getMetaMap, getRecordStore, MetaKey } from '../../../shared/docLayout'

/**
 * The board was written by a newer Commonmap than this page runs (or its schema cannot be read at
 * all). This page must not touch the board: writing old-format records into it, or our older
 * schema over its newer one, would damage it for everyone. The UI should ask the person to reload.
 */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError'

  constructor(
    /** What the board's `meta.schema` held (untrusted: anyone can write it). */
    readonly boardSchema: unknown,
    /** The schema this page runs. */
    readonly ourSchema: SerializedSchema,
    /** Why we cannot read it, for logs. */
    readonly reason: string,
  ) {
    super(`This board was saved by a newer version of Commonmap: ${reason}`)
  }
}

export interface BindStoreToYDocOptions {
  /**
   * Called when the board's schema is newer than ours: at bind time (then nothing was bound and
   * neither the document nor the store was touched) or later, when another client upgrades the
   * board (then syncing has already stopped). Required, because the only safe reaction is in the
   * UI: tell the person to reload.
   */
  onSchemaTooNew: (error: SchemaTooNewError) => void
  /**
   * Called for each record from the document that is not put into the store: not valid for our
   * schema, an unknown type, a per-tab record (instance, camera, presence…) that has no business
   * in a shared board, or one that tldraw refused. Syncing carries on. Defaults to `console.warn`.
   */
  onInvalidRecord?: (record: unknown, error: unknown) => void
}

type TLSchema = TLStore['schema']
type YKeyValueChange =
  | { action: 'add'; newValue: unknown }
  | { action: 'update'; oldValue: unknown; newValue: unknown }
  | { action: 'delete'; oldValue: unknown }

/**
 * Keeps a tldraw store and a board's Y.Doc in step, following the layout in shared/docLayout.ts.
 * Call it once the doc holds what is known of the board (after the provider's first sync or
 * y-indexeddb's load); reconnects need no rebinding, Yjs merges them. The doc is the truth: the
 * store's own document records that the doc lacks are dropped at bind time, except when the doc
 * is empty, which is then seeded from the store. Returns the function that stops syncing.
 */
export function bindStoreToYDoc(
  store: TLStore,
  doc: Y.Doc,
  { onSchemaTooNew, onInvalidRecord = warnInvalidRecord }: BindStoreToYDocOptions,
): () => void {
  const schema = store.schema
  const ourSchema = schema.serialize()
  const meta = getMetaMap(doc)

  // Checked before anything else, because even opening the record store can write to the doc
  // (YKeyValue removes duplicate entries when it is created).
  const refusal = checkBoardSchema(schema, meta.get(MetaKey.schema))
  if (refusal) {
    onSchemaTooNew(refusal)
    return () => {}
  }

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
    doc.transact(() => {
      for (const record of writes) yStore.set(record.id, record)
      for (const id of deletes) yStore.delete(id)
    }, origin)
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

  const storedSchema = meta.get(MetaKey.schema)
  if (yStore.map.size === 0 && storedSchema === undefined) {
    doc.transact(() => {
      for (const record of store.allRecords()) {
        if (isDocumentRecord(schema, record)) yStore.set(record.id, record)
      }
      meta.set(MetaKey.schema, ourSchema)
    }, origin)
  } else {
    // A board without a schema but with records predates the schema key: read it as ours.
    const boardSchema = (storedSchema ?? ourSchema) as SerializedSchema
    const stored = [...yStore.map.values()]
    const { records, removedByMigration } = readBoard(schema, boardSchema, stored, onInvalidRecord)
    if (!isEqual(storedSchema, ourSchema)) {
      // One transaction, so no client ever sees new-format records under the old schema.
      doc.transact(() => {
        for (const record of records) {
          if (!isEqual(yStore.get(record.id), record)) yStore.set(record.id, record)
        }
        for (const id of removedByMigration) yStore.delete(id)
        meta.set(MetaKey.schema, ourSchema)
      }, origin)
    }
    const kept = new Set<string>(records.map((record) => record.id))
    const stale = store
      .allRecords()
      .filter((record) => isDocumentRecord(schema, record) && !kept.has(record.id))
      .map((record) => record.id)
    applyToStore(records, stale)
  }

  let lastReadableSchema: unknown = meta.get(MetaKey.schema)
  const stopIfSchemaTooNew = (): boolean => {
    const boardSchema = meta.get(MetaKey.schema)
    if (boardSchema === lastReadableSchema) return false
    const problem = checkBoardSchema(schema, boardSchema)
    if (!problem) {
      lastReadableSchema = boardSchema
      return false
    }
    unbind()
    onSchemaTooNew(problem)
    return true
  }

  const onRecordsChange = (changes: Map<string, YKeyValueChange>, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return
    // A newer client writes its records and its schema in one transaction, and the records may be
    // reported first: look at the schema before reading them with our own.
    if (stopIfSchemaTooNew()) return
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
        puts.push(validateBoardRecord(schema, key, change.newValue, existing))
      } catch (error) {
        onInvalidRecord(change.newValue, error)
      }
    }
    applyToStore(puts, removes)
  }

  const onMetaChange = (event: Y.YMapEvent<unknown>) => {
    if (event.transaction.origin !== origin && event.keysChanged.has(MetaKey.schema)) {
      stopIfSchemaTooNew()
    }
  }

  yStore.on('change', onRecordsChange)
  meta.observe(onMetaChange)

  let bound = true
  function unbind() {
    if (!bound) return
    bound = false
    stopListening()
    yStore.off('change', onRecordsChange)
    meta.unobserve(onMetaChange)
    closeRecordStore()
  }
  return unbind
}

/**
 * getRecordStore's YKeyValue observes the Y.Array for as long as the array lives and offers no
 * way to stop. Note the observer it adds so that unbinding removes it as well; otherwise every
 * rebind would leave another observer working on each change.
 */
function openRecordStore(doc: Y.Doc): { yStore: YKeyValue<TLRecord>; close: () => void } {
  const yarray = doc.getArray<{ key: string; val: TLRecord }>(DocRoot.records)
  const before = new Set(yarray._eH.l)
  const yStore = getRecordStore(doc)
  const added = yarray._eH.l.filter((observer) => !before.has(observer))
  return { yStore, close: () => added.forEach((observer) => yarray.unobserve(observer)) }
}

const serializedSchemaValidator = T.object({
  schemaVersion: T.literal(2),
  sequences: T.dict(T.string, T.integer),
})

/**
 * Why we cannot read a board written with `boardSchema`, or null when we can (migrating it up if
 * it is older). tldraw's own check ignores sequences it does not know, but those mean record types
 * from a newer Commonmap that we could neither validate nor keep, so they count as too new.
 */
function checkBoardSchema(schema: TLSchema, boardSchema: unknown): SchemaTooNewError | null {
  if (boardSchema === undefined) return null
  const ourSchema = schema.serialize()
  const refuse = (reason: string) => new SchemaTooNewError(boardSchema, ourSchema, reason)
  let board: SerializedSchema
  try {
    board = serializedSchemaValidator.validate(boardSchema)
  } catch {
    return refuse('its schema is not one this version can read')
  }
  for (const [sequenceId, version] of Object.entries(board.sequences)) {
    const ourVersion = ourSchema.sequences[sequenceId]
    if (ourVersion === undefined) return refuse(`it uses ${sequenceId}, unknown to this version`)
    if (version > ourVersion) {
      return refuse(`${sequenceId} is at version ${version}, this version knows ${ourVersion}`)
    }
  }
  const migrations = schema.getMigrationsSince(board)
  return migrations.ok ? null : refuse(migrations.error)
}

/**
 * The board's records, migrated to our schema and validated. Records that cannot be read are
 * reported and left in the doc untouched: deleting what we do not understand is not ours to do.
 */
function readBoard(
  schema: TLSchema,
  boardSchema: SerializedSchema,
  stored: Iterable<{ key: string; val: unknown }>,
  onInvalidRecord: (record: unknown, error: unknown) => void,
): { records: TLRecord[]; removedByMigration: string[] } {
  const readable: Record<string, TLRecord> = {}
  for (const { key, val } of stored) {
    try {
      readable[key] = checkBoardRecord(schema, key, val)
    } catch (error) {
      onInvalidRecord(val, error)
    }
  }

  let migrated: TLRecord[]
  const whole = schema.migrateStoreSnapshot({ schema: boardSchema, store: readable })
  if (whole.type === 'success') {
    migrated = Object.values(whole.value)
  } else {
    // One record a migration chokes on fails the whole snapshot. Migrate one by one instead, so
    // a single bad record cannot make the board unreadable.
    migrated = []
    for (const record of Object.values(readable)) {
      const result = schema.migratePersistedRecord(record, boardSchema)
      if (result.type === 'success') migrated.push(result.value)
      else onInvalidRecord(record, new Error(`Could not update this record: ${result.reason}`))
    }
  }

  const records: TLRecord[] = []
  for (const record of migrated) {
    try {
      records.push(validateBoardRecord(schema, record.id, record, undefined))
    } catch (error) {
      onInvalidRecord(record, error)
    }
  }
  const present = new Set<string>(migrated.map((record) => record.id))
  const removedByMigration =
    whole.type === 'success' ? Object.keys(readable).filter((id) => !present.has(id)) : []
  return { records, removedByMigration }
}

/** Throws unless `value` could be a record a board holds: a known, document-scope type, under its own id. */
function checkBoardRecord(schema: TLSchema, key: string, value: unknown): TLRecord {
  if (typeof value !== 'object' || value === null) throw new Error('Not a record')
  const { typeName, id } = value as { typeName?: unknown; id?: unknown }
  if (typeof typeName !== 'string' || !Object.hasOwn(schema.types, typeName)) {
    throw new Error(`Unknown record type: ${String(typeName)}`)
  }
  const type = schema.types[typeName as TLRecord['typeName']]
  if (type.scope !== 'document') {
    throw new Error(`A ${typeName} record belongs to one browser tab, not to the board`)
  }
  if (id !== key) throw new Error(`Record ${String(id)} is stored under the key ${key}`)
  return value as TLRecord
}

/** The record as our schema validates it; throws when it is not valid. */
function validateBoardRecord(
  schema: TLSchema,
  key: string,
  value: unknown,
  existing: TLRecord | undefined,
): TLRecord {
  const record = checkBoardRecord(schema, key, value)
  // Validating against the record we already hold lets tldraw skip the unchanged parts.
  return schema.types[record.typeName].validate(record, existing) as TLRecord
}

function isDocumentRecord(schema: TLSchema, record: TLRecord): boolean {
  return schema.types[record.typeName].scope === 'document'
}

function applyRank(record: TLRecord): number {
  return record.typeName === 'binding' ? 1 : 0
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

function warnInvalidRecord(record: unknown, error: unknown) {
  console.warn('Commonmap skipped a record of this board that it cannot use', record, error)
}
