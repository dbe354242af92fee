import type { SerializedSchema } from '@tldraw/store'
import { DocumentRecordType, TLDOCUMENT_ID, type TLRecord } from '@tldraw/tlschema'
import { NOT_NAMED } from '../credit'
import {
  buildBoardExport,
  EMBEDDED_BOARD_META_KEY,
  type BoardExportSource,
  type EmbeddedAttribution,
  type EmbeddedBoardInfo,
} from './boardExport'
import { serializeTldrFile } from './tldrFile'

/**
 * The board as a `.tldr` file for Commonmap (tldraw's own format, with the map's own shapes, so
 * tldraw itself refuses it: `plainTldrawFile` is the board for tldraw), with what Commonmap
 * knows about it in the document record's `meta` ({@link EmbeddedBoardInfo}).
 * `records` conform to `schema` (the schema stored with the board).
 *
 * Scrubbed for sharing: tldraw's `user:` records keep the name clients showed, which the server
 * keeps credited, but a file outlives the board, so every one is rewritten here from the
 * credited people — someone who chose "not named", or nobody on the board, becomes
 * {@link NOT_NAMED} — and attribution leaves out anyone not named.
 */
export function exportedBoardFile(source: BoardExportSource, schema: SerializedSchema): string {
  const { authors } = buildBoardExport(source)
  const attribution: Record<string, EmbeddedAttribution> = {}
  for (const [shapeId, author] of authors) {
    attribution[shapeId] = {
      name: author.name,
      role: author.role,
      addedAt: source.attributions.get(shapeId)?.addedAt ?? null,
    }
  }
  const info: EmbeddedBoardInfo = {
    format: 'commonmap-board',
    version: 1,
    title: source.title,
    exportedAt: source.now,
    licence: source.licence.id,
    attribution,
  }
  const withInfo = (record: TLRecord): TLRecord => ({
    ...record,
    meta: { ...record.meta, [EMBEDDED_BOARD_META_KEY]: info as never },
  })
  const records = source.records.map((record): TLRecord => {
    switch (record.typeName) {
      case 'user':
        return { ...record, name: creditedName(source, record.id.slice('user:'.length)) }
      case 'document':
        return withInfo(record)
      default:
        return record
    }
  })
  if (!records.some((record) => record.id === TLDOCUMENT_ID)) {
    records.push(withInfo(DocumentRecordType.create({ id: TLDOCUMENT_ID })))
  }
  return serializeTldrFile(records, schema)
}

function creditedName(source: BoardExportSource, participantId: string): string {
  const person = source.people.get(participantId)
  return person && person.credit !== 'not-named' ? person.name : NOT_NAMED
}
