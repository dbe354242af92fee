import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  encodeAwareness,
  encodeAwarenessEntries,
  encodeServerState,
  encodeSyncStep2,
  encodeUpdate,
} from '../../server/room/wireMessages'
import { DocRoot } from '../../shared/docLayout'
import { benchParticipant, geoShape } from './benchRecords'
import { Inbox } from './Inbox'
import { framed } from './roomLink'

const author = benchParticipant(1)

function writeUpdate(by: number, sentAt: number): Uint8Array {
  const doc = new Y.Doc()
  let update: Uint8Array = new Uint8Array()
  doc.on('update', (u: Uint8Array) => (update = u))
  const shape = geoShape(by, { x: 0, y: 0, author, stamp: { sentAt, seq: 1, by } })
  doc.getArray(DocRoot.records).push([{ key: shape.id, val: shape }])
  return update
}

const state = new TextEncoder().encode('{}')
const awareness = (...clientIds: number[]) =>
  encodeAwareness(
    encodeAwarenessEntries(clientIds.map((clientId) => ({ clientId, clock: 1, state }))),
  )

describe('Inbox', () => {
  it('counts and times the shape writes of y-websocket frames', () => {
    const now = performance.now()
    const inbox = new Inbox({ prefixLength: 0, self: 9, window: { from: 0, until: Infinity } })
    inbox.count(encodeUpdate(writeUpdate(2, now - 5)))
    expect(inbox.shapeWrites).toBe(1)
    expect(inbox.shapeLatencies).toHaveLength(1)
    expect(inbox.shapeLatencies[0]).toBeGreaterThanOrEqual(5)
    expect(inbox.bytes).toBeGreaterThan(0)
  })

  it('counts every write and presence in frames a server batched, behind a document name', () => {
    const prefix = Uint8Array.of(3, 0x61, 0x62, 0x63) // varString "abc"
    const inbox = new Inbox({
      prefixLength: prefix.length,
      self: 9,
      window: { from: 0, until: Infinity },
    })
    const merged = Y.mergeUpdates([writeUpdate(1, 1), writeUpdate(2, 2), writeUpdate(3, 3)])
    inbox.count(framed(prefix, encodeUpdate(merged)))
    inbox.count(framed(prefix, awareness(11, 12, 13, 14)))
    expect(inbox.shapeWrites).toBe(3)
    expect(inbox.shapeLatencies).toHaveLength(3)
    expect(inbox.awarenessStates).toBe(4)
  })

  it('counts its own echoed writes but times only the others, and only those in the window', () => {
    const inbox = new Inbox({ prefixLength: 0, self: 1, window: { from: 10, until: 20 } })
    for (const [by, sentAt] of [
      [1, 15],
      [2, 5],
      [2, 15],
      [2, 25],
    ] as const) {
      inbox.count(encodeUpdate(writeUpdate(by, sentAt)))
    }
    expect(inbox.shapeWrites).toBe(4)
    expect(inbox.shapeLatencies).toHaveLength(1)
  })

  it('ignores sync answers and server state, and starts counting afresh after a reset', () => {
    const inbox = new Inbox({ prefixLength: 0, self: 1, window: { from: 0, until: Infinity } })
    inbox.count(encodeSyncStep2(writeUpdate(2, 1)))
    inbox.count(encodeServerState('{}'))
    expect([inbox.shapeWrites, inbox.awarenessStates]).toEqual([0, 0])
    inbox.count(awareness(5))
    inbox.reset()
    expect([inbox.shapeWrites, inbox.awarenessStates, inbox.bytes]).toEqual([0, 0, 0])
  })

  it('does not count writes sent before a reset, however late they arrive', () => {
    const inbox = new Inbox({ prefixLength: 0, self: 1, window: { from: 0, until: Infinity } })
    inbox.reset(100)
    // A first shape written at 90 that reaches this client only after counting started.
    inbox.count(encodeUpdate(writeUpdate(2, 90)))
    inbox.count(encodeUpdate(writeUpdate(2, 100)))
    inbox.count(encodeUpdate(writeUpdate(3, 120)))
    expect(inbox.shapeWrites).toBe(2)
  })
})
