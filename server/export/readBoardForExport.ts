import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import type { BoardInfo } from '../../shared/api'
import { AttributionFold } from '../../shared/attribution'
import { creditedParticipant } from '../../shared/credit'
import { getRecordStore, getStoredSchema, type PublishedPerson } from '../../shared/docLayout'
import type { BoardExportSource } from '../../shared/export/boardExport'
import { DEFAULT_LICENCE_CHOICE } from '../../shared/export/licences'
import { commonmapSchema } from '../../shared/schema'
import type { BoardStorage } from '../storage/BoardStorage'

/** A board as an export reads it. */
export interface BoardForExport {
  readonly info: BoardInfo
  readonly source: BoardExportSource
  /** The schema the records were written with (the current one for a board with none stored). */
  readonly schema: SerializedSchema
}

/**
 * Reads a board's state for an export from storage alone, whether or not its room is loaded:
 * a room stores every update before anyone sees it, so storage is never behind any client.
 * People, their contributions and who added what are rebuilt from the participants and the
 * ledger, the truth the room publishes, rather than read from the document's copy of it.
 * Undefined for an unknown board.
 */
export function readBoardForExport(
  storage: BoardStorage,
  boardId: string,
  now: number,
): BoardForExport | undefined {
  const stored = storage.loadBoard(boardId)
  if (!stored) return undefined
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) {
      try {
        Y.applyUpdate(doc, update)
      } catch {
        // As when a room restores: one bad stored update must not make the board unexportable.
      }
    }
    const records: TLRecord[] = [...getRecordStore(doc).map.values()].map((entry) => entry.val)
    const fold = new AttributionFold()
    for (const entry of storage.readLedger(boardId, { authorshipOnly: true })) fold.apply(entry)
    const people = new Map<string, PublishedPerson>(
      storage.listParticipants(boardId).map((participant) => [
        participant.id,
        {
          ...creditedParticipant(participant),
          contributions: fold.contributionsOf(participant.id),
        },
      ]),
    )
    return {
      info: stored.info,
      schema: getStoredSchema(doc) ?? commonmapSchema.serialize(),
      source: {
        title: stored.info.title,
        records,
        people,
        attributions: new Map(fold.entries()),
        licence: storage.getLicence(boardId) ?? DEFAULT_LICENCE_CHOICE,
        now,
      },
    }
  } finally {
    doc.destroy()
  }
}
