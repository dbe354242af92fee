import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DocRoot, getRecordStore } from '../shared/docLayout'
import { commonmapSchema } from '../shared/schema'
import { testParticipant } from '../tests/helpers/participants'
import { createInitialBoardState } from './initialBoardState'
import { SESSION_AREAS } from '../shared/sessionAreas'

function boardRecords(state: Uint8Array) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return { doc, records: [...getRecordStore(doc).map.values()].map((entry) => entry.val) }
}

describe('createInitialBoardState', () => {
  it('holds a valid document record and one page, and nothing but records', () => {
    const { doc, records } = boardRecords(createInitialBoardState())
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
    expect([...doc.share.keys()]).toEqual([DocRoot.records])
  })

  it('lays out a co-design session, attributed to the person who started the board', () => {
    const sam = testParticipant('Sam', 'facilitator')
    const { records } = boardRecords(
      createInitialBoardState({ template: 'co-design', creatorId: sam.id, now: 5000 }),
    )
    const frames = records.filter((r) => r.typeName === 'shape' && r.type === 'frame')
    expect(frames).toHaveLength(SESSION_AREAS.length)
    for (const record of records) {
      expect(() =>
        commonmapSchema.validateRecord(null as never, record, 'initialize', null),
      ).not.toThrow()
      if (record.typeName === 'shape') {
        expect(record.meta).toEqual({ createdBy: sam.id, createdAt: 5000 })
      }
    }
  })

  it('starts blank unless told otherwise', () => {
    const { records } = boardRecords(createInitialBoardState())
    expect(records.filter((r) => r.typeName === 'shape')).toEqual([])
  })
})
