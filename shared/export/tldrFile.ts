import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { jsonDepthWithin } from '../jsonDepth'

/** The `.tldr` file format version Commonmap writes (tldraw's own latest, as of tldraw 5). */
export const TLDR_FILE_FORMAT_VERSION = 1

/** MIME type of a `.tldr` file (tldraw's). */
export const TLDR_MIME_TYPE = 'application/vnd.tldraw+json'

/** A `.tldr` file: tldraw's own format (which tldraw opens when it knows every shape in it). */
export interface TldrFile {
  readonly tldrawFileFormatVersion: number
  readonly schema: SerializedSchema
  readonly records: readonly TLRecord[]
}

/** A board read from a file: its records migrated to our schema, or why it cannot be used. */
export type ReadBoardFile = { ok: true; records: TLRecord[] } | { ok: false; error: string }

/** The text of a `.tldr` file holding `records`, which conform to `schema`. */
export function serializeTldrFile(records: readonly TLRecord[], schema: SerializedSchema): string {
  const file: TldrFile = { tldrawFileFormatVersion: TLDR_FILE_FORMAT_VERSION, schema, records }
  return JSON.stringify(file)
}

const NOT_A_BOARD = 'This file is not a Commonmap or tldraw board.'

/**
 * How deep a board file's JSON may nest. A record is a few levels deep and rich text a few
 * more per list inside a list; nothing real comes near this, and deeper text is refused before
 * it is parsed (see jsonDepthWithin).
 */
export const MAX_BOARD_JSON_DEPTH = 100

/**
 * Reads a `.tldr` file for `schema`: checks its shape, migrates its records from the schema it
 * was saved with, and validates every record. Per-tab records (camera, pointer, presence…) are
 * dropped; they never belong to a shared board. Text nested deeper than
 * {@link MAX_BOARD_JSON_DEPTH} is refused unparsed. All or nothing: one record that cannot be read
 * refuses the whole file, so a board is never created half-imported.
 */
export function readTldrFile(json: string, schema: TLSchema): ReadBoardFile {
  if (!jsonDepthWithin(json, MAX_BOARD_JSON_DEPTH)) return { ok: false, error: NOT_A_BOARD }
  let file: unknown
  try {
    file = JSON.parse(json)
  } catch {
    return { ok: false, error: NOT_A_BOARD }
  }
  if (!isTldrFileShape(file)) return { ok: false, error: NOT_A_BOARD }
  if (file.tldrawFileFormatVersion > TLDR_FILE_FORMAT_VERSION) {
    return { ok: false, error: 'This board was saved by a newer version of tldraw or Commonmap.' }
  }
  const unknown = file.records.find((record) => !(record.typeName in schema.types))
  if (unknown) {
    return {
      ok: false,
      error: `Part of this board is of a kind Commonmap does not know (${unknown.typeName}).`,
    }
  }
  const documentRecords = file.records.filter(
    (record) => schema.types[record.typeName as TLRecord['typeName']].scope === 'document',
  )
  let migrated: Record<string, unknown>
  try {
    const result = schema.migrateStoreSnapshot({
      schema: file.schema as SerializedSchema,
      store: Object.fromEntries(documentRecords.map((record) => [record.id, record])) as never,
    })
    if (result.type === 'error') {
      return { ok: false, error: 'This board was saved by a newer version of tldraw or Commonmap.' }
    }
    migrated = result.value
  } catch {
    return { ok: false, error: 'Part of this board is damaged, so nothing was imported.' }
  }
  const records: TLRecord[] = []
  for (const record of Object.values(migrated)) {
    try {
      const typed = record as TLRecord
      records.push(schema.types[typed.typeName].validate(typed) as TLRecord)
    } catch {
      return { ok: false, error: 'Part of this board is damaged, so nothing was imported.' }
    }
  }
  return { ok: true, records }
}

function isTldrFileShape(value: unknown): value is {
  tldrawFileFormatVersion: number
  schema: unknown
  records: { id: string; typeName: string }[]
} {
  if (typeof value !== 'object' || value === null) return false
  const file = value as Record<string, unknown>
  return (
    typeof file.tldrawFileFormatVersion === 'number' &&
    Number.isInteger(file.tldrawFileFormatVersion) &&
    file.tldrawFileFormatVersion > 0 &&
    typeof file.schema === 'object' &&
    file.schema !== null &&
    Array.isArray(file.records) &&
    file.records.every(
      (record) =>
        typeof record === 'object' &&
        record !== null &&
        typeof (record as { id?: unknown }).id === 'string' &&
        typeof (record as { typeName?: unknown }).typeName === 'string',
    )
  )
}
