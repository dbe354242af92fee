import * as decoding from 'lib0/decoding'
import { describe, expect, it, vi } from 'vitest'
import { CommonmapMessage } from '../../shared/protocol'
import { ServerStateHub } from './ServerStateHub'
import { encodeServerState } from './wireMessages'

function decodeServerState(frame: Uint8Array): unknown {
  const decoder = decoding.createDecoder(frame)
  expect(decoding.readVarUint(decoder)).toBe(CommonmapMessage.serverState)
  return JSON.parse(decoding.readVarString(decoder))
}

const you = { participantId: 'p-1', capabilities: ['edit'] } as never

describe('ServerStateHub.snapshotFrame', () => {
  it('is the frame of the snapshot message, byte for byte', () => {
    const hub = new ServerStateHub()
    hub.handle('contributions').set('p-1', 3)
    hub.handle('licence').set('current', { licence: 'CC-BY-4.0', note: 'Zoë “Sam”' } as never)
    const frame = hub.snapshotFrame(you)
    const message = {
      kind: 'snapshot',
      you,
      states: {
        contributions: { 'p-1': 3 },
        licence: { current: { licence: 'CC-BY-4.0', note: 'Zoë “Sam”' } },
      },
    }
    expect(decodeServerState(frame)).toEqual(message)
    expect(frame).toEqual(encodeServerState(JSON.stringify(message)))
  })

  it('follows a change made after a snapshot was sent', () => {
    const hub = new ServerStateHub()
    const contributions = hub.handle('contributions')
    contributions.set('p-1', 1)
    hub.snapshotFrame(you)
    contributions.set('p-2', 2)
    contributions.delete('p-1')
    expect(decodeServerState(hub.snapshotFrame(you))).toMatchObject({
      states: { contributions: { 'p-2': 2 } },
    })
    expect(decodeServerState(hub.snapshotFrame(you))).not.toMatchObject({
      states: { contributions: { 'p-1': expect.anything() } },
    })
  })

  it('serializes again only the state that changed, and keeps the others as they were', () => {
    const hub = new ServerStateHub()
    const attribution = hub.handle('attribution')
    const watching = hub.handle('watching')
    attribution.set('shape:a', { by: 'p-1' } as never)
    watching.set('current', 1)
    hub.snapshotFrame(you)
    const stringify = vi.spyOn(JSON, 'stringify')
    try {
      watching.set('current', 2)
      const frame = hub.snapshotFrame(you)
      const message = {
        kind: 'snapshot',
        you,
        states: { attribution: { 'shape:a': { by: 'p-1' } }, watching: { current: 2 } },
      }
      const serialized = stringify.mock.results.map((result) => String(result.value))
      expect(serialized.join()).toContain('"current":2')
      expect(serialized.join()).not.toContain('shape:a')
      expect(frame).toEqual(encodeServerState(JSON.stringify(message)))
    } finally {
      stringify.mockRestore()
    }
  })
})
