import extractChunks from 'png-chunks-extract'
import encodeChunks from 'png-chunks-encode'
import * as textChunk from 'png-chunk-text'
import { decodeBoardPayload, encodeBoardPayload } from './boardPayload'
import {
  BOARD_CHUNK_PREFIX,
  BoardTooLargeError,
  MAX_BOARD_JSON_BYTES,
  PNG_BOARD_KEYWORD,
  PNG_SIGNATURE,
  maxBoardPayloadBytes,
} from './pngBoardChunk'

/**
 * A copy of `png` that carries `boardJson` in a text chunk, so dropping the picture onto
 * Commonmap reopens it as a board (Excalidraw does the same). Image viewers ignore the chunk.
 */
export function embedBoardInPng(png: Uint8Array, boardJson: string): Uint8Array {
  const chunks = extractChunks(png).filter((chunk) => !isBoardChunk(chunk))
  const end = chunks.findIndex((chunk) => chunk.name === 'IEND')
  if (end < 0) throw new Error('This is not a complete PNG picture.')
  chunks.splice(end, 0, textChunk.encode(PNG_BOARD_KEYWORD, encodeBoardPayload(boardJson)))
  return encodeChunks(chunks)
}

/** Length, type and CRC around each chunk's data. */
const CHUNK_OVERHEAD = 12

/**
 * The board JSON a Commonmap PNG carries, or undefined for a PNG without one. Throws for bytes
 * that are not a PNG or a board chunk that is damaged, and {@link BoardTooLargeError} for a
 * board chunk larger than a board of `maxBytes` can make, or one that unpacks to more.
 *
 * Only the chunks' headers are read, each checked to lie inside the file; of their contents,
 * only the board's text is decoded. Pictures and other text are skipped unread, however large,
 * and nothing is checksummed: the board's own compression carries a checksum.
 */
export function extractBoardFromPng(
  png: Uint8Array,
  maxBytes = MAX_BOARD_JSON_BYTES,
): string | undefined {
  if (png.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((byte, i) => png[i] !== byte)) {
    throw new Error('This is not a PNG picture.')
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const maxPayload = maxBoardPayloadBytes(maxBytes)
  for (let at = PNG_SIGNATURE.length; at + CHUNK_OVERHEAD <= png.length;) {
    const length = view.getUint32(at)
    const dataStart = at + 8
    const dataEnd = dataStart + length
    if (dataEnd + 4 > png.length) throw new Error('A PNG chunk runs past the end of the file.')
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8))
    if (type === 'IEND') return undefined
    if (type === 'tEXt' && startsWith(png, dataStart, BOARD_CHUNK_PREFIX)) {
      if (length - BOARD_CHUNK_PREFIX.length > maxPayload) throw new BoardTooLargeError()
      // The payload is base64, so reading the bytes as Latin-1 is exact.
      const payload = new TextDecoder('latin1').decode(
        png.subarray(dataStart + BOARD_CHUNK_PREFIX.length, dataEnd),
      )
      return decodeBoardPayload(payload, maxBytes)
    }
    at = dataEnd + 4
  }
  throw new Error('This PNG picture ends too early.')
}

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  return prefix.every((byte, i) => bytes[at + i] === byte)
}

function isBoardChunk(chunk: { name: string; data: Uint8Array }): boolean {
  return chunk.name === 'tEXt' && startsWith(chunk.data, 0, BOARD_CHUNK_PREFIX)
}
