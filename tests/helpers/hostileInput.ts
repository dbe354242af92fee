import type { TLRecord } from '@tldraw/tlschema'
import { crc32 } from 'node:zlib'
import * as Y from 'yjs'
import { encodeUpdate } from '../../server/room/wireMessages'
import { getRecordStore } from '../../shared/docLayout'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../shared/limits'
import { CommonmapMessage } from '../../shared/protocol'
import { boardFileJson, embeddedInfo } from './boardFiles'
import { noteRecord } from './records'

// What issue 11's attacks send, for the hostile integration test and the bench's hostile
// neighbour.

/**
 * An "adding for" message of nested JSON, one byte under the largest frame the server takes:
 * its real payload is one participant id.
 */
export function hostileAddingFor(): Buffer {
  const depth = (DEFAULT_MAX_MESSAGE_BYTES - 2) / 2
  return Buffer.concat([
    Buffer.from([CommonmapMessage.writingFor]),
    Buffer.from('['.repeat(depth) + ']'.repeat(depth)),
  ])
}

/** A 30 MB PNG whose text chunk is nearly all of it. */
export function hostilePng(): Buffer {
  const chunk = (name: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.byteLength)
    const typed = Buffer.concat([Buffer.from(name, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(typed))
    return Buffer.concat([length, typed, crc])
  }
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])
  const text = Buffer.alloc(30 * 1024 * 1024, 0x41)
  text.write('tldraw\0')
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', text),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * A change as large as one message may carry, as a y-websocket update frame: new cards (from a
 * client of its own, `seed`) up to just under the server's frame limit, all of them valid, so
 * the server applies and checks every one.
 */
export function largestChange(seed: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = seed
  const records = getRecordStore(doc)
  // The whole is never larger than its changes one by one (Yjs joins neighbouring items).
  let total = 0
  doc.on('update', (update: Uint8Array) => (total += update.byteLength))
  // Room for the frame's header and for one more card.
  for (let i = 0; total < DEFAULT_MAX_MESSAGE_BYTES - 1024; i++) {
    const id = `shape:big${seed}x${i}`
    records.set(id, noteRecord(id, `Card ${i}, one of a large change`, { x: i, y: seed }) as never)
  }
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return encodeUpdate(update)
}

/** A board file of 1,000 cards titled `title`: the board the attacks export twenty times at once. */
export function thousandCardBoardFile(title: string): string {
  const notes = Array.from(
    { length: 1000 },
    (_, i) => noteRecord(`shape:n${i}`, `Card ${i}`, { x: (i % 40) * 220, y: i * 6 }) as TLRecord,
  )
  return boardFileJson(notes, embeddedInfo(title, Date.now(), {}))
}
