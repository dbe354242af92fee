import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import type { BoardInfo } from '../../shared/api'
import { AttributionFold } from '../../shared/attribution'
import { creditedParticipant } from '../../shared/credit'
import { getRecordStore } from '../../shared/docLayout'
import type { BoardExportSource } from '../../shared/export/boardExport'
import { DEFAULT_LICENCE_CHOICE } from '../../shared/export/licences'
import type { PublishedPerson } from '../../shared/participant'
import { commonmapSchema } from '../../shared/schema'
import type { Storage } from '../storage/Storage'
import { legacyMap } from '../room/yjsItems'

/** A board as an export reads it. */
export interface BoardForExport {
  readonly info: BoardInfo
  readonly source: BoardExportSource
  /** The schema the records were written with. */
  readonly schema: SerializedSchema
}

/**
 * Reads a board's state for an export from storage alone, whether or not its room is loaded:
 * a room stores every update before anyone sees it, so storage is never behind any client.
 * People, their contributions and who added what are rebuilt from the participants and the
 * ledger, the truth the room publishes. Undefined for an unknown board.
 */
export async function readBoardForExport(
  { log, repository }: Storage,
  boardId: string,
  now: number,
): Promise<BoardForExport | undefined> {
  const info = await repository.getBoard(boardId)
  const stored = info && (await log.load(boardId))
  if (!info || !stored) return undefined
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
    for (const entry of await repository.readLedger(boardId, { authorshipOnly: true })) {
      fold.apply(entry)
    }
    const participants = await repository.listParticipants(boardId)
    const people = new Map<string, PublishedPerson>(
      participants.map((participant) => [
        participant.id,
        {
          ...creditedParticipant(participant),
          contributions: fold.contributionsOf(participant.id),
        },
      ]),
    )
    return {
      info,
      // A board no room has opened since the server kept schemas still says in its document.
      schema:
        stored.schema ??
        (legacyMap(doc, 'meta')?.get('schema') as SerializedSchema | undefined) ??
        commonmapSchema.serialize(),
      source: {
        title: info.title,
        records,
        people,
        attributions: new Map(fold.entries()),
        licence: (await repository.getLicence(boardId)) ?? DEFAULT_LICENCE_CHOICE,
        facilitators: participants
          .filter((participant) => participant.capabilities.includes('facilitate'))
          .map((participant) => participant.id),
        now,
      },
    }
  } finally {
    doc.destroy()
  }
}
