import {
  BOARD_CHUNK_PREFIX,
  BoardTooLargeError,
  PNG_SIGNATURE,
  maxBoardPayloadBytes,
} from '../../shared/export/pngBoardChunk'

/**
 * The most text a picture may carry beside its board. Pictures keep a few words there (the
 * program that made them, a description), XMP metadata some kilobytes; only a file made to
 * cost the server time carries megabytes.
 */
export const MAX_OTHER_TEXT_BYTES = 1024 * 1024

/** Said when a picture's text chunk is larger than any picture Commonmap makes could carry. */
export const TOO_MUCH_PICTURE_TEXT =
  'This picture carries more hidden text than any picture saved from Commonmap, so it was not opened.'

const TEXT_CHUNK_TYPES = new Set(['tEXt', 'zTXt', 'iTXt'])
/** A chunk's length and type. */
const CHUNK_HEADER_BYTES = 8
/** The CRC after a chunk's data. */
const CHUNK_CRC_BYTES = 4

/**
 * Walks the chunk headers of an upload as its bytes arrive, so that a PNG made to cost the
 * server time is refused before the rest of it is read (http/readBody.ts), let alone copied to a
 * worker and parsed: a text chunk larger than a board could make, or larger than
 * {@link MAX_OTHER_TEXT_BYTES} when it is not the board. Anything that is not a PNG, and a PNG
 * whose chunks pass, is left for the importer to judge.
 */
export class PngChunkWatch {
  /** Bytes of the upload seen so far. */
  private seen = 0
  /** Where the next thing to read starts: the signature, then each chunk's header. */
  private nextAt = 0
  /** How many bytes to collect there (a text chunk's header is followed by its keyword). */
  private wanted = PNG_SIGNATURE.length
  private collected: number[] = []
  private done = false

  constructor(private readonly maxPayload = maxBoardPayloadBytes()) {}

  /** Takes the next bytes of the upload; the sentence to refuse it with, or undefined. */
  feed(bytes: Uint8Array): string | undefined {
    let offset = 0
    while (!this.done && offset < bytes.length) {
      const at = this.seen + offset
      if (at < this.nextAt) {
        offset += Math.min(bytes.length - offset, this.nextAt - at)
        continue
      }
      const take = bytes.subarray(offset, offset + this.wanted - this.collected.length)
      this.collected.push(...take)
      offset += take.length
      if (this.collected.length < this.wanted) break
      const collected = this.collected
      this.collected = []
      const refusal = this.read(collected)
      if (refusal) {
        this.done = true
        return refusal
      }
    }
    this.seen += bytes.length
    return undefined
  }

  private read(collected: readonly number[]): string | undefined {
    if (this.nextAt === 0) {
      if (PNG_SIGNATURE.some((byte, i) => collected[i] !== byte)) this.done = true
      this.expectHeaderAt(PNG_SIGNATURE.length)
      return undefined
    }
    const length = new DataView(Uint8Array.from(collected).buffer).getUint32(0)
    const type = String.fromCharCode(...collected.slice(4, CHUNK_HEADER_BYTES))
    const dataEnd = this.nextAt + CHUNK_HEADER_BYTES + length
    if (!TEXT_CHUNK_TYPES.has(type)) {
      if (type === 'IEND') this.done = true
      this.expectHeaderAt(dataEnd + CHUNK_CRC_BYTES)
      return undefined
    }
    if (collected.length === CHUNK_HEADER_BYTES && length >= BOARD_CHUNK_PREFIX.length) {
      // Its keyword tells the board from other text: read that much more before judging.
      this.wanted = CHUNK_HEADER_BYTES + BOARD_CHUNK_PREFIX.length
      this.collected = [...collected]
      return undefined
    }
    const isBoard =
      type === 'tEXt' &&
      BOARD_CHUNK_PREFIX.every((byte, i) => collected[CHUNK_HEADER_BYTES + i] === byte)
    if (isBoard && length - BOARD_CHUNK_PREFIX.length > this.maxPayload) {
      return new BoardTooLargeError().message
    }
    if (!isBoard && length > MAX_OTHER_TEXT_BYTES) return TOO_MUCH_PICTURE_TEXT
    this.expectHeaderAt(dataEnd + CHUNK_CRC_BYTES)
    return undefined
  }

  private expectHeaderAt(at: number): void {
    this.nextAt = at
    this.wanted = CHUNK_HEADER_BYTES
  }
}
