import { describe, expect, it } from 'vitest'
import { participantValidator, PARTICIPANT_ID_PATTERN } from '../../../shared/participant'
import { newParticipant, newParticipantId } from './newParticipant'

describe('newParticipant', () => {
  it('makes ids with 128 random bits in the shared format', () => {
    const ids = new Set(Array.from({ length: 200 }, newParticipantId))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(PARTICIPANT_ID_PATTERN)
  })

  it('makes a participant the shared validator accepts, with a stable colour', () => {
    const p = newParticipant({ name: 'Sam', role: 'other', roleOther: 'Peer researcher' })
    expect(participantValidator.validate(p)).toEqual(p)
    expect(p.color).toMatch(/^#[0-9a-f]{6}$/)
  })
})
