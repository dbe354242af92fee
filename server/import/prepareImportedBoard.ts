import { DocumentRecordType, TLDOCUMENT_ID, type TLRecord } from '@tldraw/tlschema'
import type { Checked } from '../../shared/api'
import { EMBEDDED_BOARD_META_KEY, type EmbeddedBoardInfo } from '../../shared/export/boardExport'
import type { ImportedAttribution } from '../../shared/importedAttribution'
import type { AllowedImageType } from '../../shared/limits'
import { detectImageType } from '../http/imageType'
import { firstPage } from '../initialBoardState'

/** A picture an imported board carried inside itself, to be stored before the board is made. */
export interface CarriedPicture {
  readonly assetId: string
  /** The asset prop that held it (`src` of an image, `image` or `favicon` of a bookmark). */
  readonly prop: string
  readonly bytes: Uint8Array
  readonly type: AllowedImageType
}

/** A board file's records made ready to be a new board, and what must be stored with them. */
export interface PreparedImport {
  readonly title: string
  /**
   * The records of the new board. Asset props listed in `pictures` still hold their `data:` URLs;
   * {@link withStoredPictures} replaces them once the pictures are stored.
   */
  readonly records: readonly TLRecord[]
  readonly pictures: readonly CarriedPicture[]
  /** Where each imported shape came from, by shape id: the `imported` root's truth. */
  readonly imported: ReadonlyMap<string, ImportedAttribution>
}

/** What {@link prepareImportedBoard} needs besides the file's contents. */
export interface PrepareOptions {
  /** The title to use when the file carries none (e.g. the file's name). */
  readonly fallbackTitle: string | undefined
  /** Server time of the import, epoch ms. */
  readonly now: number
  /** Largest picture a board may hold, as for uploads. */
  readonly maxPictureBytes: number
}

/** Asset props that can hold a picture. */
const PICTURE_PROPS = ['src', 'image', 'favicon'] as const
const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*?);base64,(.*)$/s
const DAMAGED = 'Part of this board is damaged, so nothing was imported.'
/** The title of a board made from a file that names none, when no fallback was given either. */
export const UNTITLED_IMPORT = 'Board opened from a file'

/**
 * Turns the records of a board file (already migrated and validated) into a new board's first
 * records, or the plain reason it cannot be one:
 *
 * - the file's document record becomes the board's, without the Commonmap information it
 *   carried (that now lives in the server-owned `imported` root, where nobody can rewrite it);
 * - `user:` records are left out: they name people of the old board, and this board's people
 *   are its own;
 * - a board with no page gets one; a shape whose parent, or a binding whose shape, is not in
 *   the file makes the file damaged (tldraw would drop or misplace it silently);
 * - pictures carried as `data:` URLs are decoded to be stored like uploads (PNG, JPEG, GIF,
 *   WebP, at most `maxPictureBytes`), never kept as text in the document; any other picture
 *   refuses the file. Other sources are kept: the client only ever loads same-origin ones.
 */
export function prepareImportedBoard(
  fileRecords: readonly TLRecord[],
  info: EmbeddedBoardInfo | undefined,
  options: PrepareOptions,
): Checked<PreparedImport> {
  const records = fileRecords.filter((record) => record.typeName !== 'user')
  const document = records.find((record) => record.typeName === 'document')
  const rest = records.filter((record) => record.typeName !== 'document')
  if (!rest.some((record) => record.typeName === 'page')) rest.unshift(firstPage())
  const { [EMBEDDED_BOARD_META_KEY]: _carried, ...documentMeta } = document?.meta ?? {}
  const boardRecords: TLRecord[] = [
    document
      ? { ...document, meta: documentMeta }
      : DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    ...rest,
  ]
  if (!referencesAreWhole(boardRecords)) return { ok: false, error: DAMAGED }

  const pictures = carriedPictures(boardRecords, options.maxPictureBytes)
  if (!pictures.ok) return pictures

  const imported = new Map<string, ImportedAttribution>()
  for (const record of boardRecords) {
    if (record.typeName !== 'shape') continue
    imported.set(record.id, {
      from: info?.title ?? null,
      exportedAt: info?.exportedAt ?? null,
      importedAt: options.now,
      author: info?.attribution[record.id] ?? null,
    })
  }
  return {
    ok: true,
    value: {
      title: info?.title.trim() ?? options.fallbackTitle ?? UNTITLED_IMPORT,
      records: boardRecords,
      pictures: pictures.value,
      imported,
    },
  }
}

/** `prepared`'s records with each carried picture replaced by where it was stored. */
export function withStoredPictures(
  prepared: PreparedImport,
  storedAt: ReadonlyMap<CarriedPicture, string>,
): TLRecord[] {
  return prepared.records.map((record) => {
    const carried = prepared.pictures.filter((picture) => picture.assetId === record.id)
    if (record.typeName !== 'asset' || carried.length === 0) return record
    const props: Record<string, unknown> = { ...record.props }
    for (const picture of carried) props[picture.prop] = storedAt.get(picture)
    return { ...record, props } as TLRecord
  })
}

/** True when every shape's parent and every binding's shapes are in the board. */
function referencesAreWhole(records: readonly TLRecord[]): boolean {
  const ids = new Set<string>(records.map((record) => record.id))
  return records.every((record) => {
    if (record.typeName === 'shape') return ids.has(record.parentId)
    if (record.typeName === 'binding') return ids.has(record.fromId) && ids.has(record.toId)
    return true
  })
}

function carriedPictures(
  records: readonly TLRecord[],
  maxBytes: number,
): Checked<CarriedPicture[]> {
  const pictures: CarriedPicture[] = []
  for (const record of records) {
    if (record.typeName !== 'asset') continue
    const props = record.props as Record<string, unknown>
    for (const prop of PICTURE_PROPS) {
      const value = props[prop]
      if (typeof value !== 'string' || !value.startsWith('data:')) continue
      const match = DATA_URL.exec(value)
      const bytes = match?.[3] === undefined ? undefined : Buffer.from(match[3], 'base64')
      const type = bytes && detectImageType(bytes)
      if (!bytes || !type) {
        return {
          ok: false,
          error:
            'This board holds a picture Commonmap cannot keep: only PNG, JPEG, GIF and WebP pictures can be on a board.',
        }
      }
      if (bytes.byteLength > maxBytes) {
        return {
          ok: false,
          error: 'This board holds a picture that is too big for a board, so nothing was imported.',
        }
      }
      pictures.push({ assetId: record.id, prop, bytes, type })
    }
  }
  return { ok: true, value: pictures }
}
