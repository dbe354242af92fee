import { describe, expect, it } from 'vitest'
import { computeVoiceBalance, formatShare } from './voiceBalance'

const people = (role: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ id: `${role}-${from + i}`, role: role as never }))

describe('computeVoiceBalance', () => {
  it('gives each role its share of people and of contributions', () => {
    const everyone = [...people('lived-experience', 4), ...people('practitioner', 6)]
    const contributions = new Map([
      ['lived-experience-0', 2],
      ['lived-experience-1', 1],
      ['practitioner-0', 9],
      ['practitioner-3', 5],
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
      ['carer-0', 4],
      ['manager-0', 2],
      ['lived-experience-2', 6],
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
})
