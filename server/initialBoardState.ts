import {
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLPage,
  type TLRecord,
} from '@tldraw/tlschema'
import * as Y from 'yjs'
import { getMetaMap, getRecordStore, MetaKey } from '../shared/docLayout'
import { commonmapSchema } from '../shared/schema'

/** The id of the page every new board starts with. */
export const FIRST_PAGE_ID = PageRecordType.createId('page')

/**
 * The first content of a new board, as one V1 update: tldraw's document record, one page and
 * the schema the records follow. The server writes it once, when the board is created, so that
 * clients never race each other to create the first page.
 */
export function createInitialBoardState(): Uint8Array {
  const doc = new Y.Doc()
  const records: TLRecord[] = [
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    PageRecordType.create({ id: FIRST_PAGE_ID, name: 'Page 1', index: 'a1' as TLPage['index'] }),
  ]
  doc.transact(() => {
    const store = getRecordStore(doc)
    for (const record of records) store.set(record.id, record)
    getMetaMap(doc).set(MetaKey.schema, commonmapSchema.serialize())
  })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}
