import type { SerializedSchema, StoreSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import { serializedSchemaValidator } from './serializedSchemaValidator'

/** A tldraw store schema (Commonmap's is `commonmapSchema`). */
type RecordSchema = StoreSchema<TLRecord, unknown>

/**
 * Throws unless `value` could be a record a board holds: a known, document-scope type, under its
 * own id. Per-tab records (instance, camera, presence…) have no business in a shared board.
 */
export function checkBoardRecord(schema: RecordSchema, key: string, value: unknown): TLRecord {
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

/**
 * The record as the schema validates it; throws when it is not valid. Given the record it
 * replaces, tldraw skips validating the unchanged parts again.
 */
export function validateBoardRecord(
  schema: RecordSchema,
  key: string,
  value: unknown,
  existing?: unknown,
): TLRecord {
  const record = checkBoardRecord(schema, key, value)
  const previous =
    existing && (existing as { typeName?: unknown }).typeName === record.typeName
      ? (existing as TLRecord)
      : undefined
  return schema.types[record.typeName].validate(record, previous) as TLRecord
}

/**
 * Why a board written with `boardSchema` cannot be read with `schema`, or null when it can
 * (migrating it up if it is older). tldraw's own check ignores sequences it does not know, but
 * those mean record types from a newer Commonmap that could be neither validated nor kept, so
 * they count as too new.
 */
export function whyUnreadable(schema: RecordSchema, boardSchema: unknown): string | null {
  const ours = schema.serialize()
  if (!serializedSchemaValidator.isValid(boardSchema)) return 'its schema cannot be read'
  for (const [sequenceId, version] of Object.entries(boardSchema.sequences)) {
    const ourVersion = ours.sequences[sequenceId]
    if (ourVersion === undefined) return `it uses ${sequenceId}, unknown to this version`
    if (version > ourVersion) {
      return `${sequenceId} is at version ${version}, this version knows ${ourVersion}`
    }
  }
  const migrations = schema.getMigrationsSince(boardSchema)
  return migrations.ok ? null : String(migrations.error)
}

/** What {@link migrateBoardRecords} made of a board's records. */
export interface MigratedRecords {
  /** Every record that is valid for the schema, migrated. */
  readonly records: TLRecord[]
  /** Ids of the records that could not be kept (invalid, or a migration refused them). */
  readonly dropped: string[]
}

/**
 * A board's records written with `boardSchema`, migrated to `schema` and validated. A record
 * one migration chokes on fails tldraw's whole-snapshot migration, so it is then done record by
 * record: one bad record cannot make the board unreadable. Throws when the board is too new.
 */
export function migrateBoardRecords(
  schema: RecordSchema,
  boardSchema: SerializedSchema,
  stored: Iterable<[string, unknown]>,
): MigratedRecords {
  const problem = whyUnreadable(schema, boardSchema)
  if (problem) throw new Error(`This board was saved by a newer version of Commonmap: ${problem}`)
  const dropped: string[] = []
  const readable: Record<string, TLRecord> = {}
  for (const [key, value] of stored) {
    try {
      readable[key] = checkBoardRecord(schema, key, value)
    } catch {
      dropped.push(key)
    }
  }
  let migrated: TLRecord[]
  const whole = schema.migrateStoreSnapshot({ schema: boardSchema, store: readable })
  if (whole.type === 'success') {
    migrated = Object.values(whole.value)
  } else {
    migrated = []
    for (const record of Object.values(readable)) {
      const result = schema.migratePersistedRecord(record, boardSchema)
      if (result.type === 'success') migrated.push(result.value)
      else dropped.push(record.id)
    }
  }
  const records: TLRecord[] = []
  for (const record of migrated) {
    try {
      records.push(validateBoardRecord(schema, record.id, record))
    } catch {
      dropped.push(record.id)
    }
  }
  const kept = new Set<string>(records.map((record) => record.id))
  for (const id of Object.keys(readable)) {
    if (!kept.has(id) && !dropped.includes(id)) dropped.push(id)
  }
  return { records, dropped }
}
