import { describe, expect, it } from 'vitest'
import { facilitatedByLine, facilitatorPhrase } from './facilitatedBy'

describe('facilitatedByLine', () => {
  it('names each facilitator as credited, apart from their role', () => {
    expect(facilitatorPhrase({ name: 'Alex' })).toBe('Alex · Facilitator')
    expect(facilitatedByLine([{ name: 'Alex' }])).toBe('Facilitated by Alex · Facilitator')
    expect(facilitatedByLine([{ name: 'Alex' }, { name: 'Sam' }, { name: 'A practitioner' }])).toBe(
      'Facilitated by Alex · Facilitator, Sam · Facilitator and A practitioner · Facilitator',
    )
  })

  it('says nothing when nobody facilitates', () => {
    expect(facilitatedByLine([])).toBeNull()
  })
})
