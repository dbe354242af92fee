import type { TLRecord } from '@tldraw/tlschema'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import { DocRoot, getRecordStore } from '../../../shared/docLayout'

/**
 * The board's records (shared/docLayout.ts), with a way to let them go. getRecordStore's
 * YKeyValue observes the Y.Array for as long as the array lives and offers no way to stop: note
 * the observer it adds so that `close` removes it as well; otherwise every rebind would leave
 * another observer working on each change.
 */
export function openRecordStore(doc: Y.Doc): { yStore: YKeyValue<TLRecord>; close: () => void } {
  const yarray = doc.getArray<{ key: string; val: TLRecord }>(DocRoot.records)
  const before = new Set(yarray._eH.l)
  const yStore = getRecordStore(doc)
  const added = yarray._eH.l.filter((observer) => !before.has(observer))
  return { yStore, close: () => added.forEach((observer) => yarray.unobserve(observer)) }
}
