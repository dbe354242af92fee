import { describe, expect, it } from 'vitest'
import type { CreditLevel } from './credit'
import type { RoleId } from './roles'
import { computeVoiceBalance, formatShare } from './voiceBalance'

const people = (role: string, count: number, credit: CreditLevel = 'full-name') =>
  Array.from({ length: count }, (_, i) => ({
    id: `${role}-${credit}-${i}`,
    role: role as RoleId,
    credit,
  }))

describe('computeVoiceBalance', () => {
  it('gives each role its share of people and of contributions', () => {
    const everyone = [...people('lived-experience', 4), ...people('practitioner', 6)]
    const contributions = new Map([
      ['lived-experience-full-name-0', 2],
      ['lived-experience-full-name-1', 1],
      ['practitioner-full-name-0', 9],
      ['practitioner-full-name-3', 5],
    ])
    const balance = computeVoiceBalance(everyone, contributions)
    expect(balance.people).toBe(10)
    expect(balance.contributions).toBe(17)
    expect(balance.roles).toEqual([
      {
        role: 'lived-experience',
        shown: true,
        people: 4,
        contributions: 3,
        peopleShare: 0.4,
        contributionShare: 3 / 17,
      },
      {
        role: 'practitioner',
        shown: true,
        people: 6,
        contributions: 14,
        peopleShare: 0.6,
        contributionShare: 14 / 17,
      },
    ])
    expect(balance.smallGroups).toBeNull()
    expect(balance.notNamed).toBeNull()
    expect(`${formatShare(0.4)} of people, ${formatShare(3 / 17)} of ideas`).toBe(
      '40% of people, 18% of ideas',
    )
  })

  it('gives no figures for a role with fewer than three people, and pools such roles', () => {
    const everyone = [
      ...people('lived-experience', 3),
      ...people('carer', 2),
      ...people('manager', 1),
    ]
    const contributions = new Map([
      ['carer-full-name-0', 4],
      ['manager-full-name-0', 2],
      ['lived-experience-full-name-2', 6],
    ])
    const balance = computeVoiceBalance(everyone, contributions)
    const carer = balance.roles.find((r) => r.role === 'carer')
    expect(carer).toEqual({
      role: 'carer',
      shown: false,
      people: null,
      contributions: null,
      peopleShare: null,
      contributionShare: null,
    })
    expect(balance.smallGroups).toEqual({
      roles: ['carer', 'manager'],
      people: 3,
      contributions: 6,
      peopleShare: 0.5,
      contributionShare: 0.5,
    })
    const tooSmallPool = computeVoiceBalance(
      [...people('carer', 1), ...people('manager', 1)],
      new Map(),
    )
    expect(tooSmallPool.smallGroups).toMatchObject({ people: null, contributions: null })
  })

  it('shares nothing out before anyone has contributed', () => {
    const balance = computeVoiceBalance(people('practitioner', 3), new Map())
    expect(balance.roles[0]).toMatchObject({ peopleShare: 1, contributionShare: 0 })
  })

  it('leaves people who chose not to be named out of every role group, and out of the shares while fewer than three', () => {
    // One carer chose "Do not name me": nothing may say that "Someone not named" is a carer.
    const everyone = [
      ...people('lived-experience', 3),
      ...people('practitioner', 3),
      ...people('carer', 1, 'not-named'),
      ...people('lived-experience', 1, 'not-named'),
    ]
    const contributions = new Map([
      ['lived-experience-full-name-0', 3],
      ['practitioner-full-name-1', 3],
      ['carer-not-named-0', 5],
      ['lived-experience-not-named-0', 1],
    ])
    const balance = computeVoiceBalance(everyone, contributions)
    expect(balance.roles.map((r) => r.role)).toEqual(['lived-experience', 'practitioner'])
    expect(balance.roles[0]).toMatchObject({ people: 3, peopleShare: 0.5, contributionShare: 0.5 })
    expect(balance.smallGroups).toBeNull()
    expect(balance.notNamed).toEqual({ count: 2, figures: null })
    expect(balance).toMatchObject({ people: 6, contributions: 6 })
    const shares = balance.roles.reduce((sum, r) => sum + (r.contributionShare ?? 0), 0)
    expect(shares).toBe(1)
  })

  it('gives people not named their own figures from three up, still in no role', () => {
    const everyone = [...people('practitioner', 3), ...people('carer', 3, 'not-named')]
    const contributions = new Map([
      ['practitioner-full-name-0', 1],
      ['carer-not-named-2', 3],
    ])
    const balance = computeVoiceBalance(everyone, contributions)
    expect(balance.roles.map((r) => r.role)).toEqual(['practitioner'])
    expect(balance.notNamed).toEqual({
      count: 3,
      figures: { people: 3, contributions: 3, peopleShare: 0.5, contributionShare: 0.75 },
    })
    expect(balance).toMatchObject({ people: 6, contributions: 4 })
  })
})
