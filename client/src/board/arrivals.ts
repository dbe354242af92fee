import type { TLShapeId, TLStore } from 'tldraw'
import { isMapShape } from '../../../shared/mapShapes'

/** How long a card someone else added stays marked as new. */
export const ARRIVAL_MS = 6000

/**
 * Follows the cards of the map that other people add to this board while it is open (they
 * arrive as remote changes: nothing this person does, nor the board's first load, counts) and
 * tells `onChange` which ones are new, each for {@link ARRIVAL_MS}. Returns the function that
 * stops it.
 */
export function trackArrivals(
  store: TLStore,
  onChange: (arrived: ReadonlySet<TLShapeId>) => void,
): () => void {
  const arrived = new Map<TLShapeId, ReturnType<typeof setTimeout>>()
  const publish = () => onChange(new Set(arrived.keys()))
  const stopListening = store.listen(
    ({ changes }) => {
      let any = false
      for (const record of Object.values(changes.added)) {
        if (record.typeName !== 'shape' || !isMapShape(record)) continue
        clearTimeout(arrived.get(record.id))
        arrived.set(
          record.id,
          setTimeout(() => {
            arrived.delete(record.id)
            publish()
          }, ARRIVAL_MS),
        )
        any = true
      }
      if (any) publish()
    },
    { source: 'remote', scope: 'document' },
  )
  return () => {
    stopListening()
    for (const timer of arrived.values()) clearTimeout(timer)
    arrived.clear()
  }
}
