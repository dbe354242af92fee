import * as decoding from 'lib0/decoding'
import type { BenchStamp } from './benchRecords'

/**
 * How a record's `meta.bench` looks inside a Yjs V1 update: Yjs writes a record's content with
 * lib0's `writeAny`, which writes an object key as its length and its UTF-8 bytes, and the value
 * after it, an object starting with tag 118. The length byte keeps `p_bench…` participant ids
 * from matching.
 */
const STAMP_KEY = Uint8Array.from([5, ...new TextEncoder().encode('bench'), 118])

/**
 * The bench stamps of every record an update writes, read from the update's bytes without
 * decoding it. A light client times and counts deliveries with this: one native byte search
 * per frame, where a Y.Doc (or even `Y.decodeUpdate`) would make the harness the bottleneck.
 * It also counts every write in an update a server merged from several (Hocuspocus batches the
 * updates of one event-loop turn into one message).
 */
export function stampsInUpdate(update: Uint8Array): BenchStamp[] {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength)
  const stamps: BenchStamp[] = []
  for (
    let at = bytes.indexOf(STAMP_KEY);
    at >= 0;
    at = bytes.indexOf(STAMP_KEY, at + STAMP_KEY.length)
  ) {
    const decoder = decoding.createDecoder(update)
    // At the object's tag, the last byte of the key.
    decoder.pos = at + STAMP_KEY.length - 1
    stamps.push(decoding.readAny(decoder) as BenchStamp)
  }
  return stamps
}
