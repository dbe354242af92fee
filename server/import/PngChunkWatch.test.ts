import { describe, expect, it } from 'vitest'
import { BoardTooLargeError, PNG_BOARD_KEYWORD } from '../../shared/export/pngBoardChunk'
import { hostilePng } from '../../tests/helpers/hostileInput'
import { MAX_OTHER_TEXT_BYTES, PngChunkWatch, TOO_MUCH_PICTURE_TEXT } from './PngChunkWatch'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** A chunk with a correct-looking header; its CRC is not checked by the watch. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(12 + data.length)
  new DataView(bytes.buffer).setUint32(0, data.length)
  bytes.set(Buffer.from(type, 'latin1'), 4)
  bytes.set(data, 8)
  return bytes
}

function png(...chunks: Uint8Array[]): Uint8Array {
  return Buffer.concat([Uint8Array.from(SIGNATURE), ...chunks])
}

function text(keyword: string, size: number): Uint8Array {
  const data = new Uint8Array(size).fill(0x41)
  data.set(Buffer.from(`${keyword}\0`, 'latin1'))
  return data
}

/** Feeds `bytes` in pieces of `size` and gives the refusal and how many bytes were fed. */
function watch(bytes: Uint8Array, size: number, maxPayload?: number) {
  const watcher = new PngChunkWatch(maxPayload)
  for (let at = 0; at < bytes.length; at += size) {
    const refusal = watcher.feed(bytes.subarray(at, at + size))
    if (refusal) return { refusal, fed: Math.min(bytes.length, at + size) }
  }
  return { refusal: undefined, fed: bytes.length }
}

describe('PngChunkWatch', () => {
  it('refuses the hostile 30 MB text chunk within the first piece of the upload', () => {
    expect(watch(hostilePng(), 64 * 1024)).toEqual({ refusal: TOO_MUCH_PICTURE_TEXT, fed: 65536 })
  })

  it('finds the headers however the bytes are split, one byte at a time included', () => {
    const file = png(
      chunk('IHDR', new Uint8Array(13)),
      chunk('IDAT', new Uint8Array(5000)),
      chunk('tEXt', text('Software', 40)),
      chunk('tEXt', text('Comment', MAX_OTHER_TEXT_BYTES + 1)),
      chunk('IEND', new Uint8Array(0)),
    )
    for (const size of [1, 7, 13, 4096]) {
      expect(watch(file, size).refusal).toBe(TOO_MUCH_PICTURE_TEXT)
    }
  })

  it('lets pictures through whose text is small, and a board chunk up to what a board can make', () => {
    const file = png(
      chunk('IHDR', new Uint8Array(13)),
      chunk('IDAT', new Uint8Array(3 * 1024 * 1024)),
      chunk('iTXt', text('XML:com.adobe.xmp', 20_000)),
      chunk('tEXt', text(PNG_BOARD_KEYWORD, 2 * MAX_OTHER_TEXT_BYTES)),
      chunk('IEND', new Uint8Array(0)),
    )
    expect(watch(file, 65536).refusal).toBeUndefined()
  })

  it('refuses a board chunk larger than any board could make', () => {
    const file = png(chunk('tEXt', text(PNG_BOARD_KEYWORD, 5000)))
    expect(watch(file, 100, 1000).refusal).toBe(new BoardTooLargeError().message)
  })

  it('leaves anything that is not a PNG to the importer', () => {
    expect(watch(Buffer.from('{"tldrawFileFormatVersion":1}'.padEnd(5000, ' ')), 3).refusal).toBe(
      undefined,
    )
  })
})
