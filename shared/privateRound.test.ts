import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { coDesignSessionRecords } from '../server/templates/coDesignSession'
import { TEST_PAGE_ID } from '../tests/helpers/mapRecords'
import { newCardRecords } from './newCardRecords'
import { checkPrivateCardRequest, checkRoundRequest, DEFAULT_ROUND_MINUTES } from './privateRound'
import { commonmapSchema } from './schema'

const page = { id: TEST_PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }
const records = [page, ...coDesignSessionRecords(TEST_PAGE_ID, { createdAt: 1 })] as TLRecord[]

describe('checkRoundRequest', () => {
  it('starts a round of the minutes given, 5 unless said', () => {
    expect(checkRoundRequest({ action: 'start' })).toEqual({
      ok: true,
      value: { action: 'start', minutes: DEFAULT_ROUND_MINUTES },
    })
    expect(checkRoundRequest({ action: 'start', minutes: 12 })).toEqual({
      ok: true,
      value: { action: 'start', minutes: 12 },
    })
    expect(checkRoundRequest({ action: 'reveal', minutes: 'ignored' })).toEqual({
      ok: true,
      value: { action: 'reveal' },
    })
  })

  it('refuses anything else with a plain sentence', () => {
    for (const body of [null, [], {}, { action: 'close' }]) {
      expect(checkRoundRequest(body)).toEqual({
        ok: false,
        error: 'Please say "start" or "reveal" as the action.',
      })
    }
    for (const minutes of [0, -1, 2.5, 61, '5']) {
      const checked = checkRoundRequest({ action: 'start', minutes })
      expect(checked.ok).toBe(false)
    }
  })
})

describe('checkPrivateCardRequest', () => {
  const card = newCardRecords(
    records,
    'purpose-note',
    { purpose: 'idea', text: 'Drop-in' },
    'p-1',
    1,
  ).card

  it('accepts a card a form makes, under its own id', () => {
    expect(checkPrivateCardRequest({ card }, card.id, commonmapSchema)).toEqual({
      ok: true,
      value: card,
    })
  })

  it('refuses what is not a card of a form, or not valid, or under another id', () => {
    const refused = [
      checkPrivateCardRequest({}, card.id, commonmapSchema),
      checkPrivateCardRequest({ card: { ...card, type: 'geo' } }, card.id, commonmapSchema),
      checkPrivateCardRequest({ card: { ...card, typeName: 'page' } }, card.id, commonmapSchema),
      checkPrivateCardRequest(
        { card: { ...card, props: { ...card.props, text: 42 } } },
        card.id,
        commonmapSchema,
      ),
      checkPrivateCardRequest({ card }, 'shape:someone-elses', commonmapSchema),
    ]
    for (const checked of refused) {
      expect(checked.ok).toBe(false)
      expect(checked.ok ? '' : checked.error).toMatch(
        /^(Please send the card|This card could not be kept)/,
      )
    }
  })
})
