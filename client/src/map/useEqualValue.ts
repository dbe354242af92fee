import { useMemo } from 'react'
import { computed, isEqual, useValue } from 'tldraw'

/**
 * Like tldraw's `useValue`, but the component only draws again when the value changes by
 * content, not merely by identity: lists built from the store's shapes stay still while people
 * drag those shapes about.
 */
export function useEqualValue<Value>(name: string, compute: () => Value, deps: unknown[]): Value {
  // As with useMemo, the caller lists what `compute` reads from outside the store.
  const signal = useMemo(() => computed(name, compute, { isEqual }), deps)
  return useValue(signal)
}
