import { applyAwarenessUpdate, encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness'

interface AwarenessUpdate {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * Relays awareness between `a` and `b` the way a server does, at once and in both directions,
 * starting with the states each already knows. Returns the function that unlinks them.
 */
export function linkAwareness(a: Awareness, b: Awareness): () => void {
  const origin = Symbol('linkAwareness')
  const relay = (from: Awareness, to: Awareness) => {
    const send = (clients: number[]) => {
      if (clients.length) applyAwarenessUpdate(to, encodeAwarenessUpdate(from, clients), origin)
    }
    send([...from.getStates().keys()])
    const onUpdate = ({ added, updated, removed }: AwarenessUpdate, updateOrigin: unknown) => {
      if (updateOrigin !== origin) send([...added, ...updated, ...removed])
    }
    from.on('update', onUpdate)
    return () => from.off('update', onUpdate)
  }
  const stops = [relay(a, b), relay(b, a)]
  return () => stops.forEach((stop) => stop())
}
