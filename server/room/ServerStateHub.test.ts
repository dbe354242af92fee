import * as decoding from 'lib0/decoding'
import { describe, expect, it, vi } from 'vitest'
import { CommonmapMessage } from '../../shared/protocol'
import { ServerStateHub } from './ServerStateHub'
import { encodeServerState, joinMessage, type MessageParts } from './wireMessages'

function decodeServerState(message: MessageParts): unknown {
  const decoder = decoding.createDecoder(joinMessage(message))
  expect(decoding.readVarUint(decoder)).toBe(CommonmapMessage.serverState)
  return JSON.parse(decoding.readVarString(decoder))
}

const you = { participantId: 'p-1', capabilities: ['edit'] } as never

describe('ServerStateHub.snapshotMessage', () => {
  it('is the snapshot message, byte for byte', () => {
    const hub = new ServerStateHub()
    hub.handle('contributions').set('p-1', 3)
    hub.handle('licence').set('current', { licence: 'CC-BY-4.0', note: 'Zoë “Sam”' } as never)
    const snapshot = hub.snapshotMessage(you)
    const message = {
      kind: 'snapshot',
      you,
      states: {
        contributions: { 'p-1': 3 },
        licence: { current: { licence: 'CC-BY-4.0', note: 'Zoë “Sam”' } },
      },
    }
    expect(decodeServerState(snapshot)).toEqual(message)
    expect(joinMessage(snapshot)).toEqual(encodeServerState(JSON.stringify(message)))
  })

  it('gives every connection the same bytes of a state, not a copy each', () => {
    const hub = new ServerStateHub()
    hub.handle('attribution').set('shape:a', { by: 'p-1' } as never)
    const first = hub.snapshotMessage(you)
    const second = hub.snapshotMessage({ participantId: 'p-2', capabilities: [] } as never)
    const attributionOf = (message: MessageParts) =>
      message.find((part) => new TextDecoder().decode(part).startsWith('"attribution":'))
    expect(attributionOf(first)).toBeDefined()
    expect(attributionOf(second)).toBe(attributionOf(first))
  })

  it('follows a change made after a snapshot was sent', () => {
    const hub = new ServerStateHub()
    const contributions = hub.handle('contributions')
    contributions.set('p-1', 1)
    hub.snapshotMessage(you)
    contributions.set('p-2', 2)
    contributions.delete('p-1')
    expect(decodeServerState(hub.snapshotMessage(you))).toMatchObject({
      states: { contributions: { 'p-2': 2 } },
    })
    expect(decodeServerState(hub.snapshotMessage(you))).not.toMatchObject({
      states: { contributions: { 'p-1': expect.anything() } },
    })
  })

  it('serializes again only the state that changed, and keeps the others as they were', () => {
    const hub = new ServerStateHub()
    const attribution = hub.handle('attribution')
    const watching = hub.handle('watching')
    attribution.set('shape:a', { by: 'p-1' } as never)
    watching.set('current', 1)
    hub.snapshotMessage(you)
    const stringify = vi.spyOn(JSON, 'stringify')
    try {
      watching.set('current', 2)
      const snapshot = hub.snapshotMessage(you)
      const message = {
        kind: 'snapshot',
        you,
        states: { attribution: { 'shape:a': { by: 'p-1' } }, watching: { current: 2 } },
      }
      const serialized = stringify.mock.results.map((result) => String(result.value))
      expect(serialized.join()).toContain('"current":2')
      expect(serialized.join()).not.toContain('shape:a')
      expect(joinMessage(snapshot)).toEqual(encodeServerState(JSON.stringify(message)))
    } finally {
      stringify.mockRestore()
    }
  })
})
