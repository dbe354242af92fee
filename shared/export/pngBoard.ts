import extractChunks from 'png-chunks-extract'
import encodeChunks from 'png-chunks-encode'
import * as textChunk from 'png-chunk-text'
import { decodeBoardPayload, encodeBoardPayload } from './boardPayload'

/** The PNG text-chunk keyword under which a Commonmap picture carries its board. */
export const PNG_BOARD_KEYWORD = 'commonmap-board'

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

/**
 * The board JSON a Commonmap PNG carries, or undefined for a PNG without one. Throws for bytes
 * that are not a PNG or a board chunk that is damaged, or that unpacks to more than `maxBytes`.
 */
export function extractBoardFromPng(png: Uint8Array, maxBytes?: number): string | undefined {
  const chunk = extractChunks(png).find(isBoardChunk)
  return chunk && decodeBoardPayload(textChunk.decode(chunk.data).text, maxBytes)
}

function isBoardChunk(chunk: { name: string; data: Uint8Array }): boolean {
  return chunk.name === 'tEXt' && textChunk.decode(chunk.data).keyword === PNG_BOARD_KEYWORD
}
