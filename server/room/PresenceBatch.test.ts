import { describe, expect, it } from 'vitest'
import { PRESENCE_RELAY_GAP_MS, PresenceBatch } from './PresenceBatch'
import {
  decodeAwarenessEntries,
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessEntries,
} from './wireMessages'

const utf8 = new TextEncoder()
const update = (clientId: number, clock: number) =>
  encodeAwarenessEntries([{ clientId, clock, state: utf8.encode(`{"x":${clock}}`) }])

/** A batch on a clock the test moves, whose turns end when the test says so. */
function batch() {
  const relayed: Uint8Array[] = []
  let due: { run: () => void; at: number }[] = []
  const clock = { now: 1000 }
  const presence = new PresenceBatch(
    (frame) => relayed.push(frame),
    (run, delayMs) => due.push({ run, at: clock.now + Math.max(0, delayMs) }),
    () => clock.now,
  )
  /** Ends the turn `ms` from now: runs what is due by then. */
  const endTurn = (ms = 0) => {
    clock.now += ms
    const ready = due.filter(({ at }) => at <= clock.now)
    due = due.filter(({ at }) => at > clock.now)
    for (const { run } of ready) run()
  }
  return { presence, relayed, endTurn }
}

const entriesOf = (frame: Uint8Array) => {
  const message = decodeClientMessage(frame)
  if (message.type !== 'awareness') throw new Error(`Not awareness: ${message.type}`)
  return decodeAwarenessEntries(message.update).map(({ clientId, clock }) => [clientId, clock])
}

describe('PresenceBatch', () => {
  it('relays a change alone in its turn as the frame it came in, once the turn ends', () => {
    const { presence, relayed, endTurn } = batch()
    const frame = encodeAwareness(update(7, 1))
    presence.add(update(7, 1), frame)
    expect(relayed).toEqual([])
    endTurn()
    expect(relayed).toHaveLength(1)
    expect(relayed[0]).toBe(frame)
  })

  it('relays the changes of one turn as one message with every entry in order', () => {
    const { presence, relayed, endTurn } = batch()
    presence.add(update(7, 1), encodeAwareness(update(7, 1)))
    presence.add(update(8, 4))
    presence.add(
      encodeAwarenessEntries([
        { clientId: 7, clock: 2, state: utf8.encode('{}') },
        { clientId: 9, clock: 1, state: utf8.encode('null') },
      ]),
    )
    endTurn()
    expect(relayed.map(entriesOf)).toEqual([
      [
        [7, 1],
        [8, 4],
        [7, 2],
        [9, 1],
      ],
    ])
  })

  it('relays no sooner than the gap after the last relay, with all that came meanwhile', () => {
    const { presence, relayed, endTurn } = batch()
    presence.add(update(7, 1))
    endTurn()
    presence.add(update(8, 1))
    endTurn(1)
    presence.add(update(7, 2))
    endTurn(PRESENCE_RELAY_GAP_MS - 2)
    expect(relayed).toHaveLength(1)
    endTurn(1)
    expect(relayed.map(entriesOf)).toEqual([
      [[7, 1]],
      [
        [8, 1],
        [7, 2],
      ],
    ])
    endTurn(PRESENCE_RELAY_GAP_MS)
    presence.add(update(9, 1))
    endTurn()
    expect(relayed).toHaveLength(3)
  })

  it('relays nothing once stopped', () => {
    const { presence, relayed, endTurn } = batch()
    presence.add(update(7, 1))
    presence.stop()
    presence.add(update(7, 2))
    endTurn()
    expect(relayed).toEqual([])
  })
})
