import * as Y from 'yjs'
import { getRecordStore } from '../../shared/docLayout'
import type { LedgerDraft } from '../../shared/ledger'
import { classifyRecordChange, recordKind, type RecordLike } from '../../shared/wordProps'

/**
 * Ledger drafts for a new board's first state, credited to the person who started it: each
 * record the board starts with (its page, and any template the server lays out) is `created`
 * by them. This is the seam for anything the server writes at board creation on someone's
 * behalf: the creator's participant exists before these records are written.
 */
export function draftsForInitialState(
  state: Uint8Array,
  creatorId: string,
  at: number,
): LedgerDraft[] {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    const drafts: LedgerDraft[] = []
    for (const [id, { val }] of getRecordStore(doc).map) {
      const record = val as unknown as RecordLike
      const action = classifyRecordChange(undefined, record)
      if (!action) continue
      drafts.push({
        at,
        participantId: creatorId,
        writtenDownBy: null,
        action,
        recordId: id,
        recordType: recordKind(record),
      })
    }
    return drafts
  } finally {
    doc.destroy()
  }
}
