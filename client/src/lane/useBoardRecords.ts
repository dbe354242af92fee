import type { TLRecord } from '@tldraw/tlschema'
import { useEffect, useState } from 'react'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import type { BoardSession } from '../collab/BoardSession'
import { openRecordStore } from '../collab/openRecordStore'

/** The board's records as they are now, and the store to write changes to. */
export interface BoardRecords {
  readonly records: readonly TLRecord[]
  readonly yStore: YKeyValue<TLRecord> | undefined
}

/**
 * The board's records straight from its document, for the phone lane (no tldraw store): read
 * again whenever anyone, here or elsewhere, changes one.
 */
export function useBoardRecords(session: BoardSession | undefined): BoardRecords {
  const [state, setState] = useState<BoardRecords>({ records: [], yStore: undefined })
  useEffect(() => {
    if (!session) return
    const { yStore, close } = openRecordStore(session.doc)
    const read = () =>
      setState({ records: [...yStore.map.values()].map((entry) => entry.val), yStore })
    read()
    yStore.on('change', read)
    return () => {
      yStore.off('change', read)
      close()
    }
  }, [session])
  return state
}
