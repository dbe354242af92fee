import { describe, expect, it } from 'vitest'
import {
  CREDIT_LEVELS,
  CREDIT_OPTIONS,
  NOT_NAMED,
  creditedParticipant,
  describePerson,
  type CreditSource,
} from './credit'

const sam: CreditSource = {
  id: 'p_sam0000000000000000000',
  name: '  Sam   Jones ',
  role: 'lived-experience',
  credit: 'full-name',
  pseudonym: 'Blue Heron',
  color: '#00798c',
}

describe('creditedParticipant', () => {
  it.each([
    ['full-name', 'Sam Jones', 'lived-experience', 'Lived experience'],
    ['first-name', 'Sam', 'lived-experience', 'Lived experience'],
    ['pseudonym', 'Blue Heron', 'lived-experience', 'Lived experience'],
    ['role-only', 'Someone with lived experience', 'lived-experience', null],
    ['not-named', NOT_NAMED, null, null],
  ] as const)('%s shows "%s"', (credit, name, role, roleLabel) => {
    expect(creditedParticipant({ ...sam, credit })).toEqual({
      id: sam.id,
      name,
      role,
      roleLabel,
      credit,
      color: sam.color,
      withoutDevice: false,
      addedBy: null,
    })
  })

  it('never lets the private name through unless the choice shows it', () => {
    for (const credit of ['pseudonym', 'role-only', 'not-named'] as const) {
      expect(JSON.stringify(creditedParticipant({ ...sam, credit }))).not.toMatch(/Sam|Jones/)
    }
    // First name only: the surname stays private.
    expect(JSON.stringify(creditedParticipant({ ...sam, credit: 'first-name' }))).not.toMatch(
      /Jones/,
    )
  })

  it('hides the role of someone not named, even a role in their own words', () => {
    const ade = {
      ...sam,
      role: 'other' as const,
      roleOther: 'Peer mentor',
      credit: 'not-named' as const,
    }
    expect(JSON.stringify(creditedParticipant(ade))).not.toMatch(/Peer|mentor|other/i)
  })

  it('uses the role as the name for role only, in the person’s own words for Other', () => {
    expect(creditedParticipant({ ...sam, role: 'practitioner', credit: 'role-only' }).name).toBe(
      'A practitioner',
    )
    expect(
      creditedParticipant({ ...sam, role: 'other', roleOther: 'Peer mentor', credit: 'role-only' })
        .name,
    ).toBe('Someone (Peer mentor)')
  })

  it('falls back to the role, never the real name, when a pseudonym is missing', () => {
    expect(creditedParticipant({ ...sam, credit: 'pseudonym', pseudonym: ' ' }).name).toBe(
      'Someone with lived experience',
    )
  })

  it('describes a person as one phrase', () => {
    expect(describePerson(creditedParticipant(sam))).toBe('Sam Jones · Lived experience')
    expect(describePerson(creditedParticipant({ ...sam, credit: 'role-only' }))).toBe(
      'Someone with lived experience',
    )
  })

  it('explains every level, in order', () => {
    expect(CREDIT_OPTIONS.map((o) => o.id)).toEqual([...CREDIT_LEVELS])
  })
})
