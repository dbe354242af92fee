import { describe, expect, it } from 'vitest'
import type { CreditLevel } from './credit'
import { castRefusal, publishVote, tallyVote, type CastDots, type DotVote } from './dotVote'
import type { RoleId } from './roles'

const vote: DotVote = {
  id: 1,
  shapes: ['shape:a', 'shape:b', 'shape:c'],
  dots: 3,
  severalPerCard: false,
  showLive: false,
  openedAt: 1,
  openedBy: 'p-facilitator',
  closedAt: null,
}

const people = (role: RoleId, count: number, credit: CreditLevel = 'full-name') =>
  Array.from({ length: count }, (_, i) => ({ id: `${role}-${credit}-${i}`, role, credit }))

/** Each person of `group` puts one dot on each card of `shapes`. */
const dotsFrom = (group: readonly { id: string }[], shapes: readonly string[]): CastDots[] =>
  group.flatMap(({ id }) => shapes.map((shapeId) => ({ participantId: id, shapeId, dots: 1 })))

describe('castRefusal', () => {
  it('lets a person place dots up to the vote’s number, and no more', () => {
    expect(castRefusal(vote, {}, 'shape:a', 1)).toBeUndefined()
    const mine = { 'shape:a': 1, 'shape:b': 1, 'shape:c': 1 }
    expect(castRefusal(vote, mine, 'shape:a', 0)).toBeUndefined()
    const full = { ...vote, shapes: [...vote.shapes, 'shape:d'] }
    expect(castRefusal(full, mine, 'shape:d', 1)).toMatch(/3 dots in all and 0 left/)
  })

  it('keeps to one dot a card unless the vote allows several', () => {
    expect(castRefusal(vote, {}, 'shape:a', 2)).toMatch(/one dot on each card/)
    expect(castRefusal({ ...vote, severalPerCard: true }, {}, 'shape:a', 3)).toBeUndefined()
    expect(castRefusal({ ...vote, severalPerCard: true }, { 'shape:b': 1 }, 'shape:a', 3)).toMatch(
      /left/,
    )
  })

  it('refuses cards outside the vote and any change once it closed', () => {
    expect(castRefusal(vote, {}, 'shape:z', 1)).toMatch(/not part of the vote/)
    expect(castRefusal({ ...vote, closedAt: 2 }, {}, 'shape:a', 1)).toMatch(/closed/)
  })
})

describe('tallyVote', () => {
  it('gives each card its total and its split by role, most dots first', () => {
    const lived = people('lived-experience', 3)
    const practitioners = people('practitioner', 4)
    const cast = [
      ...dotsFrom(lived, ['shape:b']),
      ...dotsFrom(practitioners, ['shape:b', 'shape:c']),
    ]
    const { cards } = tallyVote(vote, cast, [...lived, ...practitioners, ...people('manager', 5)])
    expect(cards.map((card) => [card.shapeId, card.dots])).toEqual([
      ['shape:b', 7],
      ['shape:c', 4],
      ['shape:a', 0],
    ])
    const b = cards[0]!.split
    // Only voters make the groups: the managers, who placed no dot, are in none.
    expect(b.people).toBe(7)
    expect(b.roles.map((role) => [role.role, role.contributions])).toEqual([
      ['lived-experience', 3],
      ['practitioner', 4],
    ])
  })

  it('hides a role with fewer than three voters, and pools them', () => {
    const lived = people('lived-experience', 3)
    const carers = people('carer', 2)
    const managers = people('manager', 1)
    const cast = dotsFrom([...lived, ...carers, ...managers], ['shape:a'])
    const a = tallyVote(vote, cast, [...lived, ...carers, ...managers]).cards[0]!.split
    expect(a.roles.find((role) => role.role === 'carer')).toMatchObject({
      shown: false,
      contributions: null,
    })
    expect(a.smallGroups).toMatchObject({ roles: ['carer', 'manager'], contributions: 3 })
  })

  it('counts the vote of someone who chose not to be named, and never shows it apart', () => {
    const lived = people('lived-experience', 3)
    const hidden = people('practitioner', 1, 'not-named')
    const cast = [...dotsFrom(lived, ['shape:a']), ...dotsFrom(hidden, ['shape:b'])]
    const results = tallyVote(vote, cast, [...lived, ...hidden])
    const card = results.cards.find((each) => each.shapeId === 'shape:b')!
    // Their dot counts in the card's total, but in no group's figure while they are fewer than
    // three, and their role is not named beside it.
    expect(card.dots).toBe(1)
    expect(card.split.contributions).toBe(0)
    expect(card.split.roles.map((role) => role.role)).toEqual(['lived-experience'])
    expect(card.split.notNamed).toEqual({ count: 1, figures: null })
  })

  it('shows where lived experience and professionals differ, once each side has three', () => {
    const lived = [...people('lived-experience', 2), ...people('carer', 1)]
    const professionals = [...people('practitioner', 2), ...people('manager', 1)]
    const cast = [...dotsFrom(lived, ['shape:a']), ...dotsFrom(professionals, ['shape:c'])]
    const { differences } = tallyVote(vote, cast, [...lived, ...professionals])
    expect(differences?.slice(0, 2)).toEqual([
      { shapeId: 'shape:a', livedExperience: 1, professionals: 0 },
      { shapeId: 'shape:c', livedExperience: 0, professionals: 1 },
    ])
    expect(differences?.[2]).toEqual({ shapeId: 'shape:b', livedExperience: 0, professionals: 0 })
    const fewer = tallyVote(vote, cast.slice(1), [...lived, ...professionals])
    expect(fewer.differences).toBeNull()
  })
})

describe('publishVote', () => {
  it('keeps the results back while the vote is open, unless they are shown live', () => {
    const lived = people('lived-experience', 3)
    const cast = dotsFrom(lived, ['shape:a'])
    expect(publishVote(vote, cast, lived)).toEqual({ vote, voters: 3, results: null })
    expect(publishVote({ ...vote, showLive: true }, cast, lived).results).not.toBeNull()
    expect(publishVote({ ...vote, closedAt: 5 }, cast, lived).results?.cards[0]).toMatchObject({
      shapeId: 'shape:a',
      dots: 3,
    })
  })
})
