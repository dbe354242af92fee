import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { newCardRecords } from '../../shared/newCardRecords'
import type { PrivateCard, PrivateCardShape } from '../../shared/privateRound'
import { commonmapSchema } from '../../shared/schema'
import { templateShapeId } from '../../shared/sessionAreas'
import type { RecordLike } from '../../shared/wordProps'
import { TEST_PAGE_ID } from '../../tests/helpers/mapRecords'
import type { RecordWriter } from '../room/RoomPlugin'
import { coDesignSessionRecords } from '../templates/coDesignSession'
import { placeCards } from './privateRoundPlugin'

const page = { id: TEST_PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }

/** A document of a co-design board, as the room's record writer shows it. */
function documentWriter(): RecordWriter & { records: Map<string, RecordLike> } {
  const records = new Map<string, RecordLike>(
    [page, ...coDesignSessionRecords(TEST_PAGE_ID, { createdAt: 1 })].map((r) => [
      r.id,
      r as RecordLike,
    ]),
  )
  return {
    records,
    put: (id, value) => void records.set(id, value),
    remove: (id) => void records.delete(id),
    ids: () => records.keys(),
    get: (id) => records.get(id),
  }
}

/** A card as a device would send it: placed on its own view of the board, not the final one. */
function written(participantId: string, writtenAt: number, id: string, text: string): PrivateCard {
  const record = newCardRecords(
    [page] as TLRecord[],
    'purpose-note',
    { purpose: 'idea', text },
    participantId,
    writtenAt,
    id as TLShape['id'],
  ).card as PrivateCardShape
  return { boardId: 'b', record, participantId, writtenAt, round: 1 }
}

describe('placeCards', () => {
  it('puts every card in its area, none on another, credited to its author when written', () => {
    const document = documentWriter()
    const cards = [
      written('p-sam', 100, 'shape:a', 'Drop-in'),
      written('p-maureen', 200, 'shape:b', 'One number'),
    ]
    const drafts = placeCards(document, cards)
    expect(drafts).toEqual([
      {
        at: 100,
        participantId: 'p-sam',
        writtenDownBy: null,
        action: 'created',
        recordId: 'shape:a',
        recordType: 'purpose-note',
      },
      {
        at: 200,
        participantId: 'p-maureen',
        writtenDownBy: null,
        action: 'created',
        recordId: 'shape:b',
        recordType: 'purpose-note',
      },
    ])
    const [a, b] = ['shape:a', 'shape:b'].map((id) => document.get(id) as unknown as TLShape)
    expect(a!.parentId).toBe(templateShapeId('ideas'))
    expect(b!.parentId).toBe(templateShapeId('ideas'))
    expect(a!.x !== b!.x || a!.y !== b!.y).toBe(true)
    expect(a!.meta).toEqual({ createdBy: 'p-sam', createdAt: 100 })
    expect(() => commonmapSchema.validateRecord(null!, a!, 'initialize', null)).not.toThrow()
  })

  it('leaves a card whose id the board already has as it is, crediting nobody', () => {
    const document = documentWriter()
    const frame = document.get(templateShapeId('ideas'))
    const hijack = written('p-sam', 100, templateShapeId('ideas'), 'Mine now')
    expect(placeCards(document, [hijack])).toEqual([])
    expect(document.get(templateShapeId('ideas'))).toBe(frame)
  })
})
