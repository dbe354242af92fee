import type { SerializedSchema, StoreSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import { isEqual } from '@tldraw/utils'
import { migrateBoardRecords, validateBoardRecord } from '../../shared/boardRecords'
import { commonmapSchema } from '../../shared/schema'
import { CURRENT_KEY } from '../../shared/serverState'
import type { Logger } from '../logger'
import type { RecordLike } from '../../shared/wordProps'
import type { RoomPlugin } from '../room/RoomPlugin'

/** Options of {@link createBoardRecordsPlugin}. */
export interface BoardRecordsPluginOptions {
  readonly boardId: string
  /** The schema storage says the board's records conform to (null: the document says). */
  readonly storedSchema: SerializedSchema | null
  readonly logger: Logger
  /** The schema every record must be valid for (default: Commonmap's). */
  readonly schema?: StoreSchema<TLRecord, unknown>
}

/** Where a board saved before the server kept its schema had it: `meta.schema` in the document. */
const LEGACY_META_ROOT = 'meta'
const LEGACY_SCHEMA_KEY = 'schema'

/**
 * The board's records are tldraw records valid for one schema, which the server states (the
 * `schema` state) and every client uses: a client never trusts a schema found in the document.
 *
 * Every record change a client makes is validated against the schema before it is stored or
 * relayed; an invalid record is refused (undone in the same transaction, and the sender told),
 * so every board the server holds exports to a `.tldr` that imports again. A board saved by an
 * older version is migrated on its first load: its records moved up to the schema and checked,
 * in the one transaction that also removes what the older version kept beside them.
 */
export function createBoardRecordsPlugin(options: BoardRecordsPluginOptions): RoomPlugin {
  const schema = options.schema ?? commonmapSchema
  const ours = schema.serialize()
  return {
    name: 'board-records',
    states: ['schema'],

    restore(context) {
      context.state('schema').set(CURRENT_KEY, ours)
    },

    checkRecord(change) {
      if (!change.after) return undefined
      try {
        validateBoardRecord(schema, change.id, change.after, change.before)
        return undefined
      } catch (error) {
        return { reason: `not a valid record: ${error instanceof Error ? error.message : error}` }
      }
    },

    documentRestored(_context, document) {
      if (options.storedSchema && isEqual(options.storedSchema, ours)) return
      const boardSchema = (options.storedSchema ??
        document.legacyRoot(LEGACY_META_ROOT)?.get(LEGACY_SCHEMA_KEY) ??
        ours) as SerializedSchema
      const stored = [...document.ids()].map((id): [string, unknown] => [id, document.get(id)])
      const { records, dropped } = migrateBoardRecords(schema, boardSchema, stored)
      for (const record of records) {
        if (!isEqual(document.get(record.id), record))
          document.put(record.id, record as unknown as RecordLike)
      }
      for (const id of dropped) document.remove(id)
      document.setSchema(ours)
      options.logger.info('board.migrated', {
        boardId: options.boardId,
        records: records.length,
        dropped,
      })
    },
  }
}
