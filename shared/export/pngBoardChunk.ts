/**
 * What a Commonmap picture's board chunk looks like, without the code that packs and unpacks it
 * (pngBoard.ts, boardPayload.ts): the server checks uploads against it as they arrive
 * (server/import/PngChunkWatch.ts) and must not load the compression library at start-up.
 */

/**
 * The most board JSON a payload may unpack to (64 MiB; a 10,000-shape board is about 5 MB).
 * A few kilobytes of compressed data can unpack to gigabytes, so a picture must not be able to
 * make the reader allocate whatever it claims.
 */
export const MAX_BOARD_JSON_BYTES = 64 * 1024 * 1024

/** Thrown when a compressed board unpacks to more than the limit. */
export class BoardTooLargeError extends Error {
  constructor() {
    super('The board inside this file is too big to open.')
    this.name = 'BoardTooLargeError'
  }
}

/** The PNG text-chunk keyword under which a Commonmap picture carries its board. */
export const PNG_BOARD_KEYWORD = 'commonmap-board'

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** How a board's text chunk begins: its keyword and the separator after it. */
export const BOARD_CHUNK_PREFIX = new TextEncoder().encode(`${PNG_BOARD_KEYWORD}\0`)

/** The largest board payload (after its keyword) a board of `maxBytes` of JSON can make. */
export function maxBoardPayloadBytes(maxBytes = MAX_BOARD_JSON_BYTES): number {
  // Compressed data can come out a little larger than it went in; base64 adds a third.
  return Math.ceil((maxBytes * 1.01 + 1024) / 3) * 4
}
