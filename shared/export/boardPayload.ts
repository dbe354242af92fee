import { strFromU8, strToU8, Unzlib, zlibSync } from 'fflate'
import { BoardTooLargeError, MAX_BOARD_JSON_BYTES } from './pngBoardChunk'

/**
 * How a board travels inside an exported picture: its JSON, compressed and base64-encoded, so
 * it fits in a PNG text chunk (Latin-1 only) or an SVG element, and a 1,000-shape board adds
 * kilobytes rather than megabytes to the file.
 */
export function encodeBoardPayload(json: string): string {
  return bytesToBase64(zlibSync(strToU8(json), { level: 9 }))
}

/** Bytes as base64 (for a payload, or a picture in a `data:` URL). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // In slices: spreading a whole picture's bytes into one call would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/**
 * The JSON inside a payload made by {@link encodeBoardPayload}; throws if it is damaged, and
 * {@link BoardTooLargeError} if it unpacks to more than `maxBytes`.
 */
export function decodeBoardPayload(payload: string, maxBytes = MAX_BOARD_JSON_BYTES): string {
  const binary = atob(payload.trim())
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return strFromU8(inflateAtMost(bytes, maxBytes))
}

/** Input fed to the inflater at a time: deflate expands at most ~1,032×, so ≤ 17 MB per step. */
const INFLATE_STEP = 16 * 1024

/** zlib data unpacked, refusing as soon as the output passes `maxBytes`. */
function inflateAtMost(compressed: Uint8Array, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = []
  let size = 0
  let ended = false
  const inflater = new Unzlib((chunk, final) => {
    size += chunk.length
    if (size > maxBytes) throw new BoardTooLargeError()
    chunks.push(chunk)
    ended ||= final
  })
  for (let at = 0; at < compressed.length; at += INFLATE_STEP) {
    const end = Math.min(at + INFLATE_STEP, compressed.length)
    inflater.push(compressed.subarray(at, end), end === compressed.length)
  }
  if (!ended) throw new Error('The compressed board ends too early.')
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}
