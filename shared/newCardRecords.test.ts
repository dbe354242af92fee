import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { commonmapSchema } from './schema'
import { templateShapeId } from './sessionAreas'
import { coDesignSessionRecords } from '../server/templates/coDesignSession'
import { TEST_PAGE_ID } from '../tests/helpers/mapRecords'
import { newCardRecords } from './newCardRecords'

const page = { id: TEST_PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }
const session = () =>
  [page, ...coDesignSessionRecords(TEST_PAGE_ID, { createdAt: 1 })] as TLRecord[]

describe('newCardRecords', () => {
  it('makes a valid card in its area, above what is there, stamped with its author', () => {
    const records = session()
    const { card, changed } = newCardRecords(
      records,
      'purpose-note',
      { purpose: 'barrier', text: 'Forms only online' },
      'p-maureen',
      42,
    )
    expect(card.parentId).toBe(templateShapeId('barriers'))
    expect(card.props).toMatchObject({ purpose: 'barrier', text: 'Forms only online', w: 240 })
    expect(card.meta).toEqual({ createdBy: 'p-maureen', createdAt: 42 })
    const siblings = records.filter(
      (r): r is TLShape => r.typeName === 'shape' && r.parentId === card.parentId,
    )
    for (const sibling of siblings) expect(card.index > sibling.index).toBe(true)
    expect(changed).toEqual([])
    // The server refuses records its schema does not accept.
    expect(() => commonmapSchema.validateRecord(null!, card, 'initialize', null)).not.toThrow()
  })

  it('puts a second card beside the first, never on it', () => {
    const first = newCardRecords(session(), 'service', { name: 'GP' }, 'p-1', 1).card
    const second = newCardRecords([...session(), first], 'service', { name: 'A&E' }, 'p-1', 2).card
    expect(second.parentId).toBe(first.parentId)
    expect(second.x !== first.x || second.y !== first.y).toBe(true)
  })

  it('says plainly when the board has no page yet', () => {
    expect(() => newCardRecords([], 'action', { what: 'Ring back' }, 'p-1', 1)).toThrow(/no page/)
  })
})
