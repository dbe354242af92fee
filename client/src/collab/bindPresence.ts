import {
  createPresenceStateDerivation,
  InstancePresenceRecordType,
  isEqual,
  react,
  throttle,
  type TLInstancePresence,
  type TLStore,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { AwarenessField } from './awarenessFields'
import type { LocalParticipant } from './localParticipant'

export interface BindPresenceOptions {
  /**
   * The least time between two of our presence updates, in ms. A cursor changes on every pointer
   * move; with 50 people in a room, sending each one would flood everyone's connection.
   */
  throttleMs?: number
  /** Called for another client's presence that is not valid; it is not shown. Defaults to `console.warn`. */
  onInvalidPresence?: (presence: unknown, error: unknown) => void
}

/**
 * Shares this tab's tldraw presence (cursor, selection, viewport) and who the person is through
 * a y-protocols awareness, and shows the other clients' presence in the store as
 * `instance_presence` records. Returns the function that stops it and takes our presence away.
 */
export function bindPresence(
  store: TLStore,
  awareness: Awareness,
  me: LocalParticipant,
  { throttleMs = 50, onInvalidPresence = warnInvalidPresence }: BindPresenceOptions = {},
): () => void {
  // Ids come from awareness client ids, never from what a client sends, so one client cannot
  // replace another's cursor, and a client that leaves takes exactly its own record away.
  const presenceIdOf = (clientId: number) => InstancePresenceRecordType.createId(String(clientId))
  const $presence = createPresenceStateDerivation(me.currentUser, {
    instanceId: presenceIdOf(awareness.clientID),
  })(store)

  let sent: TLInstancePresence | null | undefined
  const sendPresence = throttle(() => {
    const presence = $presence.get()
    // Awareness sends a message for every set, equal or not.
    if (isEqual(presence, sent)) return
    sent = presence
    awareness.setLocalStateField(AwarenessField.presence, presence)
  }, throttleMs)
  const stopSendingPresence = react('send presence to awareness', () => {
    $presence.get()
    sendPresence()
  })
  const stopSendingParticipant = react('send participant to awareness', () => {
    awareness.setLocalStateField(AwarenessField.participant, me.participant.get())
  })

  const shown = new Set<TLInstancePresence['id']>()
  const showPresenceOf = (clientIds: Iterable<number>) => {
    const puts: TLInstancePresence[] = []
    const removes: TLInstancePresence['id'][] = []
    for (const clientId of clientIds) {
      if (clientId === awareness.clientID) continue
      const id = presenceIdOf(clientId)
      // A stale cursor is worse than none: a client that left, or now sends something invalid,
      // loses what it showed before.
      const hide = () => {
        if (shown.has(id)) removes.push(id)
      }
      const presence: unknown = awareness.getStates().get(clientId)?.[AwarenessField.presence]
      if (presence == null) {
        hide()
        continue
      }
      try {
        puts.push(validatePresence(store, id, presence))
      } catch (error) {
        onInvalidPresence(presence, error)
        hide()
      }
    }
    if (!puts.length && !removes.length) return
    store.mergeRemoteChanges(() => {
      if (removes.length) store.remove(removes)
      if (puts.length) store.put(puts)
    })
    for (const id of removes) shown.delete(id)
    for (const { id } of puts) shown.add(id)
  }

  const onAwarenessChange = ({ added, updated, removed }: AwarenessChanges) =>
    showPresenceOf([...added, ...updated, ...removed])
  awareness.on('change', onAwarenessChange)
  showPresenceOf(awareness.getStates().keys())

  let bound = true
  return () => {
    if (!bound) return
    bound = false
    stopSendingPresence()
    stopSendingParticipant()
    sendPresence.cancel()
    awareness.off('change', onAwarenessChange)
    // Others should see us go at once, not when our awareness times out 30 seconds later.
    const state = awareness.getLocalState()
    if (state) {
      const rest = { ...state }
      delete rest[AwarenessField.presence]
      delete rest[AwarenessField.participant]
      awareness.setLocalState(rest)
    }
    if (shown.size) store.mergeRemoteChanges(() => store.remove([...shown]))
    shown.clear()
  }
}

interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

function validatePresence(store: TLStore, id: TLInstancePresence['id'], presence: unknown) {
  if (typeof presence !== 'object' || presence === null) throw new Error('Not a presence record')
  const type = store.schema.types.instance_presence
  return type.validate({ ...presence, id }, store.unsafeGetWithoutCapture(id)) as TLInstancePresence
}

function warnInvalidPresence(presence: unknown, error: unknown) {
  console.warn('Commonmap is not showing a presence it cannot use', presence, error)
}
