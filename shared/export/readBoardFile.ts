import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { strFromU8, unzipSync } from 'fflate'
import { checkCleanText } from '../cleanText'
import { importedAuthorValidator } from '../importedAttribution'
import { MAX_TITLE_LENGTH } from '../limits'
import { BoardTooLargeError, MAX_BOARD_JSON_BYTES } from './pngBoardChunk'
import { EMBEDDED_BOARD_META_KEY, type EmbeddedBoardInfo } from './boardExport'
import { LICENCE_IDS } from './licences'
import { extractBoardFromPng } from './pngBoard'
import { extractBoardFromSvg } from './svgBoard'
import { readTldrFile } from './tldrFile'

/** The kinds of file a board can be opened from, told apart by their content. */
export type BoardFileKind = 'tldr' | 'png' | 'svg' | 'zip'

/** A board read from a file, or the plain-language reason it cannot be opened. */
export type OpenedBoardFile =
  | {
      readonly ok: true
      readonly kind: BoardFileKind
      /** Every record, migrated to our schema and validated; per-tab records left out. */
      readonly records: TLRecord[]
      /** What Commonmap wrote about the board, or undefined for a file from tldraw itself. */
      readonly info: EmbeddedBoardInfo | undefined
    }
  | { readonly ok: false; readonly error: string }

/** The file inside a bundle `.zip` that holds the board. */
export const BUNDLE_BOARD_FILE = 'board.tldr'

/** The file types people can pick to open, for a file chooser's `accept`. */
export const BOARD_FILE_ACCEPT = '.tldr,.png,.svg,.zip'

const NOT_A_BOARD =
  'This file is not a board. Choose a .tldr file, or a picture or bundle saved from Commonmap.'
const PICTURE_WITHOUT_BOARD =
  'This picture has no board inside it. Only pictures saved from Commonmap can be opened as a board.'
const DAMAGED_PICTURE = 'This picture is damaged, so the board inside it could not be read.'
const DAMAGED_BUNDLE = 'This bundle is damaged or incomplete, so it could not be opened.'
const BUNDLE_WITHOUT_BOARD = `This bundle has no ${BUNDLE_BOARD_FILE} inside it, so there is no board to open.`
const DAMAGED_CREDITS = 'The credits in this file are damaged, so nothing was imported.'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
/** A zip starts with a file entry, or (empty) with the end of its directory. */
const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
]
/** How far into a text file to look for what it is: an SVG may open with a long comment. */
const SNIFF_TEXT_BYTES = 4096

/**
 * What kind of board file `bytes` is, from its content alone (names and types a browser reports
 * can be wrong or chosen by anyone): PNG and zip by their magic bytes, a `.tldr` because it is
 * JSON (starts with `{`), an SVG because it is markup with an `<svg` element near the start.
 * Undefined for anything else.
 */
export function sniffBoardFile(bytes: Uint8Array): BoardFileKind | undefined {
  const startsWith = (signature: readonly number[]) =>
    bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte)
  if (startsWith(PNG_SIGNATURE)) return 'png'
  if (ZIP_SIGNATURES.some(startsWith)) return 'zip'
  const head = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false })
    .decode(bytes.subarray(0, SNIFF_TEXT_BYTES))
    .trimStart()
  if (head.startsWith('{')) return 'tldr'
  if (head.startsWith('<') && /<svg[\s>]/.test(head)) return 'svg'
  return undefined
}

/**
 * Reads a board from any file Commonmap can open: a `.tldr`, a PNG or SVG picture with a board
 * inside, or a bundle `.zip` with `board.tldr` at its top. The records are migrated and
 * validated against `schema` all or nothing (see `readTldrFile`), and the board's embedded
 * Commonmap information is checked too, so a caller either gets everything or a plain message.
 * Compressed content may unpack to at most `maxBoardBytes` of JSON.
 */
export function readBoardFromFile(
  bytes: Uint8Array,
  schema: TLSchema,
  maxBoardBytes = MAX_BOARD_JSON_BYTES,
): OpenedBoardFile {
  const kind = sniffBoardFile(bytes)
  if (!kind) return { ok: false, error: NOT_A_BOARD }
  const json = boardJsonOf(kind, bytes, maxBoardBytes)
  if (!json.ok) return json
  const read = readTldrFile(json.value, schema)
  if (!read.ok) return read
  const info = embeddedInfoOf(read.records)
  if (!info.ok) return info
  return { ok: true, kind, records: read.records, info: info.value }
}

type Step<T> = { ok: true; value: T } | { ok: false; error: string }

function boardJsonOf(kind: BoardFileKind, bytes: Uint8Array, maxBytes: number): Step<string> {
  try {
    switch (kind) {
      case 'tldr':
        if (bytes.length > maxBytes) return { ok: false, error: new BoardTooLargeError().message }
        return { ok: true, value: new TextDecoder().decode(bytes) }
      case 'png': {
        const json = extractBoardFromPng(bytes, maxBytes)
        return json === undefined ? { ok: false, error: PICTURE_WITHOUT_BOARD } : ok(json)
      }
      case 'svg': {
        const json = extractBoardFromSvg(new TextDecoder().decode(bytes), maxBytes)
        return json === undefined ? { ok: false, error: PICTURE_WITHOUT_BOARD } : ok(json)
      }
      case 'zip':
        return boardJsonInBundle(bytes, maxBytes)
    }
  } catch (error) {
    if (error instanceof BoardTooLargeError) return { ok: false, error: error.message }
    return { ok: false, error: kind === 'zip' ? DAMAGED_BUNDLE : DAMAGED_PICTURE }
  }
}

function ok<T>(value: T): Step<T> {
  return { ok: true, value }
}

/**
 * The `board.tldr` of a bundle. Only that entry is unpacked, and only when the size the zip
 * declares for it is within the limit: the rest of a bundle (reports, pictures) is not needed,
 * and a bundle must not be able to make the reader unpack gigabytes.
 */
function boardJsonInBundle(bytes: Uint8Array, maxBytes: number): Step<string> {
  let tooLarge = false
  const files = unzipSync(bytes, {
    filter: (file) => {
      if (file.name !== BUNDLE_BOARD_FILE) return false
      if (file.originalSize > maxBytes) tooLarge = true
      return !tooLarge
    },
  })
  if (tooLarge) return { ok: false, error: new BoardTooLargeError().message }
  const board = files[BUNDLE_BOARD_FILE]
  return board ? ok(strFromU8(board)) : { ok: false, error: BUNDLE_WITHOUT_BOARD }
}

const embeddedInfoValidator = T.object({
  format: T.literal('commonmap-board'),
  version: T.literal(1),
  title: T.string.check((title) => {
    if (
      !title.trim() ||
      !checkCleanText(title, { what: 'the title', maxGraphemes: MAX_TITLE_LENGTH }).ok
    ) {
      throw new T.ValidationError('Expected a board title')
    }
  }),
  exportedAt: T.number.check((at) => {
    if (!Number.isFinite(at) || at < 0) throw new T.ValidationError('Expected a time')
  }),
  licence: T.literalEnum(...LICENCE_IDS),
  attribution: T.dict(T.string, importedAuthorValidator),
})

/**
 * The Commonmap information in the document record's meta, checked: a file that says it is a
 * Commonmap board but whose credits cannot be read is refused rather than imported without
 * them, since losing who said what is the one thing an import must not do quietly.
 */
function embeddedInfoOf(records: readonly TLRecord[]): Step<EmbeddedBoardInfo | undefined> {
  const document = records.find((record) => record.typeName === 'document')
  const embedded = document?.meta[EMBEDDED_BOARD_META_KEY]
  if (embedded === undefined) return ok(undefined)
  try {
    return ok(embeddedInfoValidator.validate(embedded) as EmbeddedBoardInfo)
  } catch {
    return { ok: false, error: DAMAGED_CREDITS }
  }
}
