import { describe, expect, it } from 'vitest'
import type { CreditLevel } from './credit'
import { publishVote, type DotVote } from './dotVote'
import type { RoleId } from './roles'
import { computeVoiceBalance } from './voiceBalance'
import { dotsPhrase, prioritisedWords, splitLines } from './voteWords'

const people = (role: RoleId, count: number, credit: CreditLevel = 'full-name') =>
  Array.from({ length: count }, (_, i) => ({ id: `${role}-${credit}-${i}`, role, credit }))

const oneDotEach = (group: readonly { id: string }[]) =>
  new Map(group.map((person) => [person.id, 1]))

describe('splitLines', () => {
  it('says small roles together once the pool has three, and the not-named from three up', () => {
    const voters = [
      ...people('carer', 2),
      ...people('manager', 1),
      ...people('other', 3, 'not-named'),
    ]
    expect(splitLines(computeVoiceBalance(voters, oneDotEach(voters)))).toEqual([
      'Carer or family, Manager or commissioner together: 3 dots',
      'People not named: 3 dots',
    ])
  })

  it('says why the dots of fewer than three people are not shown', () => {
    const voters = [...people('lived-experience', 3), ...people('carer', 1, 'not-named')]
    expect(splitLines(computeVoiceBalance(voters, oneDotEach(voters)))).toEqual([
      'Lived experience: 3 dots',
      'People who chose not to be named: fewer than three, so their dots are not shown',
    ])
  })
})

describe('prioritisedWords', () => {
  const vote: DotVote = {
    id: 1,
    shapes: ['shape:a', 'shape:b'],
    dots: 1,
    severalPerCard: false,
    showLive: false,
    openedAt: 1,
    openedBy: 'lived-experience-full-name-0',
    closedAt: 2,
  }

  it('names each card and says where the two sides differ, leaving out cards they agree on', () => {
    const lived = people('lived-experience', 3)
    const professionals = people('practitioner', 3)
    const cast = [
      ...lived.map((p) => ({ participantId: p.id, shapeId: 'shape:a', dots: 1 })),
      ...professionals.map((p) => ({ participantId: p.id, shapeId: 'shape:b', dots: 1 })),
    ]
    const words = prioritisedWords(publishVote(vote, cast, [...lived, ...professionals]), (id) =>
      id === 'shape:a' ? 'Open later' : 'One form',
    )
    expect(words?.cards.map((card) => `${card.name}: ${card.total}`)).toEqual([
      'Open later: 3 dots',
      'One form: 3 dots',
    ])
    expect(words?.differences).toEqual([
      'Open later: 100% of the dots of people with lived experience or carers, 0% of the dots of practitioners and managers.',
      'One form: 0% of the dots of people with lived experience or carers, 100% of the dots of practitioners and managers.',
    ])
  })

  it('says nothing while the results are hidden', () => {
    const open = publishVote({ ...vote, closedAt: null }, [], [])
    expect(prioritisedWords(open, String)).toBeUndefined()
    expect(prioritisedWords(undefined, String)).toBeUndefined()
    expect(dotsPhrase(1)).toBe('1 dot')
  })
})
