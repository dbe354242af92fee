import type { TLRecord } from '@tldraw/tlschema'
import { useMemo } from 'react'
import { goesWithCards } from '../../../shared/hiddenCards'
import type { BoardContextValue } from '../board/BoardContext'

/**
 * The board's records as this person is shown them: without the cards hidden for review (and
 * what goes with them) unless they facilitate. Hiding is about what people see: the records are
 * still in the shared document until a facilitator removes them.
 */
export function useVisibleRecords(
  records: readonly TLRecord[],
  context: Pick<BoardContextValue, 'hidden' | 'canFacilitate'> | undefined,
): readonly TLRecord[] {
  const hidden = context?.hidden
  const shown = context?.canFacilitate ?? false
  return useMemo(() => {
    if (shown || !hidden?.size) return records
    const ids = new Set(hidden.keys())
    return records.filter((record) => !goesWithCards(record, ids))
  }, [records, hidden, shown])
}
