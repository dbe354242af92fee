import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import type { BoardInfo, ExportFormat } from '../../shared/api'
import { AttributionFold } from '../../shared/attribution'
import { getRecordStore } from '../../shared/docLayout'
import { goesWithCards } from '../../shared/hiddenCards'
import type { BoardExportSource } from '../../shared/export/boardExport'
import { DEFAULT_LICENCE_CHOICE } from '../../shared/export/licences'
import type { LedgerDraft } from '../../shared/ledger'
import type { PublishedPerson } from '../../shared/participant'
import { commonmapSchema } from '../../shared/schema'
import { legacyMap } from '../room/yjsItems'
import { exportDownload, type ExportDownload } from './exportDownload'
import type { StoredBoardForExport } from './readBoardForExport'

/** A board as an export reads it. */
export interface BoardForExport {
  readonly info: BoardInfo
  readonly source: BoardExportSource
  /** The schema the records were written with. */
  readonly schema: SerializedSchema
}

/** What {@link exportBoardFile} makes a file from. */
export interface ExportInput {
  readonly format: ExportFormat
  readonly board: StoredBoardForExport
}

/**
 * One export of a board, from what storage holds (readBoardForExport.ts). The expensive part of
 * an export, so it runs on a worker thread: decoding the document (a large board takes hundreds
 * of milliseconds), folding the ledger into who added what, and rendering the file.
 */
export function exportBoardFile({ format, board }: ExportInput): ExportDownload {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, board.snapshot)
    for (const update of board.updates) {
      try {
        Y.applyUpdate(doc, update)
      } catch {
        // As when a room restores: one bad stored update must not make the board unexportable.
      }
    }
    const leaveOut = new Set(board.leaveOut)
    const records: TLRecord[] = [...getRecordStore(doc).map.values()]
      .map((entry) => entry.val as TLRecord)
      .filter((record) => !goesWithCards(record, leaveOut))
    const fold = new AttributionFold()
    for (const entry of JSON.parse(board.authorshipJson) as LedgerDraft[]) fold.apply(entry)
    const people = new Map<string, PublishedPerson>(
      board.people.map((person) => [
        person.id,
        { ...person, contributions: fold.contributionsOf(person.id) },
      ]),
    )
    const forExport: BoardForExport = {
      info: board.info,
      // A board no room has opened since the server kept schemas still says in its document.
      schema:
        board.schema ??
        (legacyMap(doc, 'meta')?.get('schema') as SerializedSchema | undefined) ??
        commonmapSchema.serialize(),
      source: {
        title: board.info.title,
        records,
        people,
        attributions: new Map(fold.entries()),
        licence: board.licence ?? DEFAULT_LICENCE_CHOICE,
        facilitators: board.facilitators,
        ...(board.vote && { vote: board.vote }),
        now: board.now,
      },
    }
    return exportDownload(forExport, format, () => board.ledger)
  } finally {
    doc.destroy()
  }
}
