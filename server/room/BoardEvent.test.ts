import { describe, expect, it } from 'vitest'
import { asBoardEvent, type BoardEvent } from './BoardEvent'

describe('asBoardEvent', () => {
  it('reads back every event another process sends, as JSON', () => {
    const events: BoardEvent[] = [
      { type: 'participant-changed', participantId: 'p_x' },
      { type: 'licence-changed' },
      { type: 'session-changed' },
      { type: 'vote-changed' },
      { type: 'watch-link-revoked', linkId: 'w_x' },
    ]
    for (const event of events)
      expect(asBoardEvent(JSON.parse(JSON.stringify(event)))).toEqual(event)
  })

  it('drops anything else, so a revocation always names its link', () => {
    expect(asBoardEvent({ type: 'watch-link-revoked' })).toBeUndefined()
    expect(asBoardEvent({ type: 'watch-link-revoked', linkId: 7 })).toBeUndefined()
    expect(asBoardEvent(null)).toBeUndefined()
    expect(asBoardEvent({ type: 'something-else' })).toBeUndefined()
  })
})
