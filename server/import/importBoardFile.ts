import { ApiPath } from '../../shared/api'
import type { BoardFileKind } from '../../shared/export/readBoardFile'
import { readBoardFromFile } from '../../shared/export/readBoardFile'
import type { ImportedAttribution } from '../../shared/importedAttribution'
import type { LedgerDraft } from '../../shared/ledger'
import type { AllowedImageType } from '../../shared/limits'
import { commonmapSchema } from '../../shared/schema'
import { assetName } from '../storage/AssetStore'
import { encodeBoardState } from '../initialBoardState'
import { draftsForInitialState } from '../ledger/initialDrafts'
import { prepareImportedBoard, withStoredPictures } from './prepareImportedBoard'

/** What {@link importBoardFile} reads a new board from. */
export interface ImportInput {
  /** The file, as uploaded. */
  readonly bytes: Uint8Array
  /** The id the new board will have (its pictures' paths name it). */
  readonly boardId: string
  /** The importer's participant id: the ledger credits them with every record. */
  readonly creatorId: string
  /** The title for a file that carries none. */
  readonly fallbackTitle: string | undefined
  /** Server time of the import, epoch ms. */
  readonly now: number
  /** Largest picture a board may hold. */
  readonly maxPictureBytes: number
}

/** A picture the new board holds, to be stored under `name` before the board is. */
export interface ImportedPicture {
  readonly name: string
  readonly bytes: Uint8Array
  readonly type: AllowedImageType
}

/** A board file read into everything a new board is stored with, or why it cannot be. */
export type ImportOutcome =
  | {
      readonly ok: true
      readonly kind: BoardFileKind
      readonly title: string
      /** The board's first state (Yjs V1), its pictures already pointing where they will be. */
      readonly state: Uint8Array
      readonly ledger: readonly LedgerDraft[]
      readonly imported: ReadonlyMap<string, ImportedAttribution>
      readonly pictures: readonly ImportedPicture[]
      readonly records: number
      /** True when the file said who made what (a Commonmap file). */
      readonly withCredits: boolean
    }
  | { readonly ok: false; readonly error: string }

/**
 * Reads a board file into a new board's first state: everything an import does but store it.
 * The expensive part of an import (unpacking, parsing, migrating and validating every record,
 * encoding the document), so it runs on a worker thread; what it returns is stored on the main
 * thread in one transaction. The pictures' names are their content hashes, so their paths are
 * written into the board here, before they are stored.
 */
export function importBoardFile(input: ImportInput): ImportOutcome {
  const file = readBoardFromFile(input.bytes, commonmapSchema)
  if (!file.ok) return file
  const prepared = prepareImportedBoard(file.records, file.info, {
    fallbackTitle: input.fallbackTitle,
    now: input.now,
    maxPictureBytes: input.maxPictureBytes,
  })
  if (!prepared.ok) return prepared
  const pictures = prepared.value.pictures.map((picture) => ({
    picture,
    name: assetName(picture.bytes, picture.type),
  }))
  const state = encodeBoardState(
    withStoredPictures(
      prepared.value,
      new Map(
        pictures.map(({ picture, name }) => [picture, `${ApiPath.assets(input.boardId)}/${name}`]),
      ),
    ),
  )
  return {
    ok: true,
    kind: file.kind,
    title: prepared.value.title,
    state,
    // The importer brought every record in, so the chain credits them with adding it; who the
    // old board credited is kept beside it, in the imported state.
    ledger: draftsForInitialState(state, input.creatorId, input.now),
    imported: prepared.value.imported,
    pictures: pictures.map(({ picture, name }) => ({
      name,
      bytes: picture.bytes,
      type: picture.type,
    })),
    records: prepared.value.records.length,
    withCredits: file.info !== undefined,
  }
}
