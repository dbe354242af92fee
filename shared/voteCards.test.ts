import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { areaFrameId } from './sessionAreas'
import { CARD_WITHOUT_WORDS, REMOVED_CARD, defaultVoteCards, voteCardName } from './voteCards'

const shape = (id: string, type: string, props: object, parentId = 'page:page') =>
  ({ typeName: 'shape', id, type, parentId, props }) as unknown as TLRecord

describe('defaultVoteCards', () => {
  it('takes the cards in the Ideas and barriers areas, and idea and barrier notes anywhere', () => {
    const records = [
      shape(areaFrameId({ key: 'ideas' }), 'frame', { name: '6. Ideas' }),
      shape('shape:in-ideas', 'service', { name: 'A drop-in' }, areaFrameId({ key: 'ideas' })),
      shape('shape:barrier', 'purpose-note', { purpose: 'barrier', text: 'Long waits' }),
      shape('shape:works', 'purpose-note', { purpose: 'what-works', text: 'Kind staff' }),
      shape('shape:in-map', 'service', { name: 'GP' }, areaFrameId({ key: 'map' })),
    ]
    expect(defaultVoteCards(records)).toEqual(['shape:in-ideas', 'shape:barrier'])
  })
})

describe('voteCardName', () => {
  it('names a card by its words, on one line', () => {
    expect(voteCardName(shape('shape:a', 'purpose-note', { text: 'Open\n later' }))).toBe(
      'Open later',
    )
    expect(voteCardName(shape('shape:b', 'service', { name: 'Housing advice' }))).toBe(
      'Housing advice',
    )
    const richText = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }],
    }
    expect(voteCardName(shape('shape:c', 'note', { richText }))).toBe('Hi')
  })

  it('says plainly when a card has no words or was taken off the board', () => {
    expect(voteCardName(shape('shape:a', 'purpose-note', { text: '  ' }))).toBe(CARD_WITHOUT_WORDS)
    expect(voteCardName(undefined)).toBe(REMOVED_CARD)
  })
})
