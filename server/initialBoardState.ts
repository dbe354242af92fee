import {
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLPage,
  type TLRecord,
} from '@tldraw/tlschema'
import * as Y from 'yjs'
import { assertNever } from '../shared/assertNever'
import type { BoardTemplateId } from '../shared/boardTemplates'
import { getRecordStore } from '../shared/docLayout'
import { coDesignSessionRecords } from './templates/coDesignSession'

/** The id of the page every new board starts with. */
export const FIRST_PAGE_ID = PageRecordType.createId('page')

/** What a new board starts with. */
export interface InitialBoardOptions {
  /** Default `blank`. */
  readonly template?: BoardTemplateId
  /**
   * Participant id of the person starting the board, written into the template's shape meta.
   * (Who is credited comes from the ledger, which the server starts with their entries.)
   */
  readonly creatorId?: string
  /** Epoch ms, for the template's attribution. */
  readonly now?: number
}

/**
 * The first content of a new board, as one V1 update: tldraw's document record, one page and
 * the chosen template's records (at `commonmapSchema`, which storage keeps beside it). The
 * server writes it once, when the board is created, so clients never race each other to create
 * the first page, and two people can never both lay out the same template on one board.
 */
export function createInitialBoardState({
  template = 'blank',
  creatorId,
  now = Date.now(),
}: InitialBoardOptions = {}): Uint8Array {
  return encodeBoardState([
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    firstPage(),
    ...templateRecords(template, { createdBy: creatorId, createdAt: now }),
  ])
}

/** The page a new board starts with, also given to a board file that has none. */
export function firstPage(): TLPage {
  return PageRecordType.create({
    id: FIRST_PAGE_ID,
    name: 'Page 1',
    index: 'a1' as TLPage['index'],
  })
}

/** A board's first state as one V1 update: `records`, which must conform to our schema. */
export function encodeBoardState(records: readonly TLRecord[]): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    const store = getRecordStore(doc)
    for (const record of records) store.set(record.id, record)
  })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

function templateRecords(
  template: BoardTemplateId,
  attribution: Parameters<typeof coDesignSessionRecords>[1],
): TLRecord[] {
  switch (template) {
    case 'blank':
      return []
    case 'co-design':
      return coDesignSessionRecords(FIRST_PAGE_ID, attribution)
    default:
      return assertNever(template)
  }
}
