// @vitest-environment node
import {
  createTLStore,
  createUserId,
  InstancePresenceRecordType,
  type TLInstance,
  type TLInstancePresence,
  type TLPointer,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createInitialBoardState } from '../../../server/initialBoardState'
import type { Participant } from '../../../shared/participant'
import { linkAwareness } from '../../../tests/helpers/linkAwareness'
import { testParticipant } from '../../../tests/helpers/participants'
import { AwarenessField } from './awarenessFields'
import { bindPresence, type BindPresenceOptions } from './bindPresence'
import { bindStoreToYDoc } from './bindStoreToYDoc'
import { createLocalParticipant, type LocalParticipant } from './localParticipant'
import { getParticipantsHere } from './participantsHere'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'

const cleanups: (() => void)[] = []
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  vi.useRealTimers()
})

interface Client {
  store: TLStore
  awareness: Awareness
  me: LocalParticipant
  onInvalidPresence: ReturnType<typeof vi.fn<NonNullable<BindPresenceOptions['onInvalidPresence']>>>
  unbind: () => void
}

/** A tab on a board, wired the way the app does it: store, then bridge, then presence. */
function client(participant: Participant): Client {
  const me = createLocalParticipant(participant)
  const store = createTLStore({
    shapeUtils: BOARD_SHAPE_UTILS,
    bindingUtils: BOARD_BINDING_UTILS,
    users: me,
  })
  const doc = new Y.Doc()
  Y.applyUpdate(doc, createInitialBoardState())
  const awareness = new Awareness(doc)
  cleanups.push(() => doc.destroy())
  cleanups.push(bindStoreToYDoc(store, doc))
  const onInvalidPresence = vi.fn<NonNullable<BindPresenceOptions['onInvalidPresence']>>()
  const unbind = bindPresence(store, awareness, me, { onInvalidPresence })
  cleanups.push(unbind)
  return { store, awareness, me, onInvalidPresence, unbind }
}

function pair() {
  const a = client(testParticipant('Sam'))
  const b = client(testParticipant('Priya', 'practitioner'))
  cleanups.push(linkAwareness(a.awareness, b.awareness))
  return { a, b }
}

function movePointer(store: TLStore, x: number, y: number) {
  const pointer = store.get('pointer:pointer' as TLRecord['id']) as TLPointer
  store.put([{ ...pointer, x, y }])
}

function presenceOf(store: TLStore, of: Client | Awareness): TLInstancePresence | undefined {
  const clientId = 'awareness' in of ? of.awareness.clientID : of.clientID
  const id = InstancePresenceRecordType.createId(String(clientId))
  return store.get(id) as TLInstancePresence | undefined
}

function presenceRecords(store: TLStore): TLRecord[] {
  return store.allRecords().filter((record) => record.typeName === 'instance_presence')
}

describe('bindPresence', () => {
  it('shows a peer’s cursor in the store, and never our own', () => {
    const { a, b } = pair()

    movePointer(b.store, 10, 20)
    vi.advanceTimersByTime(50)

    expect(presenceOf(a.store, b)).toMatchObject({
      userId: createUserId(b.me.participant.get().id),
      userName: 'Priya',
      cursor: { x: 10, y: 20 },
    })
    expect(presenceRecords(a.store)).toHaveLength(1)
    expect(presenceRecords(b.store)).toHaveLength(1)
    expect(presenceOf(a.store, a)).toBeUndefined()
  })

  it('sends a burst of cursor moves as one update', () => {
    const { a, b } = pair()
    vi.advanceTimersByTime(50)
    let sent = 0
    b.awareness.on('update', (_: unknown, origin: unknown) => origin === 'local' && sent++)

    movePointer(b.store, 1, 1)
    movePointer(b.store, 2, 2)
    movePointer(b.store, 3, 3)
    expect(sent).toBe(1)
    expect(presenceOf(a.store, b)?.cursor).toMatchObject({ x: 1, y: 1 })

    vi.advanceTimersByTime(50)
    expect(sent).toBe(2)
    expect(presenceOf(a.store, b)?.cursor).toMatchObject({ x: 3, y: 3 })
  })

  it('does not resend a presence that did not change', () => {
    const { b } = pair()
    vi.advanceTimersByTime(50)
    let sent = 0
    b.awareness.on('update', (_: unknown, origin: unknown) => origin === 'local' && sent++)

    // Grid mode lives on the same record as parts of the presence, but is not one of them.
    b.store.update('instance:instance' as TLInstance['id'], (i) => ({ ...i, isGridMode: true }))
    vi.advanceTimersByTime(50)

    expect(sent).toBe(0)
  })

  it('follows a change of name or role without rebinding', () => {
    const { a, b } = pair()

    b.me.update({ ...b.me.participant.get(), name: 'Priya K', role: 'manager' })
    vi.advanceTimersByTime(50)

    expect(presenceOf(a.store, b)?.userName).toBe('Priya K')
    expect(getParticipantsHere(a.awareness)).toContainEqual(
      expect.objectContaining({ name: 'Priya K', role: 'manager' }),
    )
    expect(b.me.currentUser.get()?.name).toBe('Priya K')
  })

  it('takes a peer’s cursor away when the peer leaves', () => {
    const { a, b } = pair()
    expect(presenceOf(a.store, b)).toBeDefined()

    // What the server tells everyone when a connection closes.
    removeAwarenessStates(a.awareness, [b.awareness.clientID], 'connection closed')

    expect(presenceOf(a.store, b)).toBeUndefined()
  })

  it('skips and reports an invalid presence, and drops what that client showed before', () => {
    const { a, b } = pair()
    const doc = new Y.Doc()
    cleanups.push(() => doc.destroy())
    const other = new Awareness(doc)
    cleanups.push(linkAwareness(other, a.awareness))
    const valid = b.awareness.getLocalState()?.[AwarenessField.presence] as TLInstancePresence
    const invalid = { ...valid, cursor: { x: 'left', y: 0 } }

    other.setLocalStateField(AwarenessField.presence, invalid)
    expect(presenceOf(a.store, other)).toBeUndefined()
    expect(a.onInvalidPresence).toHaveBeenCalledWith(invalid, expect.any(Error))

    // Sent with b's id, shown under other's own: a client cannot take over someone's cursor.
    other.setLocalStateField(AwarenessField.presence, { ...valid, userName: 'Not Priya' })
    expect(presenceOf(a.store, other)?.userName).toBe('Not Priya')
    expect(presenceOf(a.store, b)?.userName).toBe('Priya')

    other.setLocalStateField(AwarenessField.presence, 'garbage')
    expect(presenceOf(a.store, other)).toBeUndefined()
    expect(a.onInvalidPresence).toHaveBeenCalledTimes(2)
  })

  it('stops both ways when unbound, and others see us go at once', () => {
    const { a, b } = pair()
    expect(presenceOf(b.store, a)).toBeDefined()

    a.unbind()
    a.unbind()

    expect(presenceRecords(a.store)).toEqual([])
    expect(presenceOf(b.store, a)).toBeUndefined()
    expect(a.awareness.getLocalState()).not.toHaveProperty(AwarenessField.presence)
    expect(getParticipantsHere(b.awareness).map((p) => p.name)).toEqual(['Priya'])
    movePointer(b.store, 5, 5)
    vi.advanceTimersByTime(50)
    expect(presenceRecords(a.store)).toEqual([])
    movePointer(a.store, 7, 7)
    vi.advanceTimersByTime(50)
    expect(presenceOf(b.store, a)).toBeUndefined()
  })
})
