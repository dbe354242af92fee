import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordStore, getStoredSchema } from '../shared/docLayout'
import { commonmapSchema } from '../shared/schema'
import { createInitialBoardState } from './initialBoardState'

describe('createInitialBoardState', () => {
  it('holds a valid document record, one page and the schema', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, createInitialBoardState())
    const records = [...getRecordStore(doc).map.values()].map((entry) => entry.val)
    expect(records.map((r) => r.id).sort()).toEqual(['document:document', 'page:page'])
    expect(records.find((r) => r.typeName === 'page')).toMatchObject({
      name: 'Page 1',
      index: 'a1',
    })
    for (const record of records) {
      expect(() =>
        commonmapSchema.validateRecord(null as never, record, 'initialize', null),
      ).not.toThrow()
    }
    expect(getStoredSchema(doc)).toEqual(commonmapSchema.serialize())
  })
})
