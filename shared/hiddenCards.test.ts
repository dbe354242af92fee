import { describe, expect, it } from 'vitest'
import { goesWithCards, hiddenCardValidator, HIDE_REASONS } from './hiddenCards'

describe('cards hidden for review', () => {
  const hidden = new Set(['shape:card'])

  it('takes away with a card what would point at nothing without it, and nothing else', () => {
    expect(goesWithCards({ id: 'shape:card', parentId: 'page:page' }, hidden)).toBe(true)
    expect(goesWithCards({ id: 'shape:inside', parentId: 'shape:card' }, hidden)).toBe(true)
    const route = { id: 'binding:r', typeName: 'binding', fromId: 'shape:route' }
    expect(goesWithCards({ ...route, toId: 'shape:card' }, hidden)).toBe(true)
    expect(goesWithCards({ ...route, toId: 'shape:other' }, hidden)).toBe(false)
    expect(goesWithCards({ id: 'shape:other', parentId: 'page:page' }, hidden)).toBe(false)
    // Only a binding's ends count: a shape with such props is not bound to anything.
    expect(goesWithCards({ id: 'shape:x', typeName: 'shape', toId: 'shape:card' }, hidden)).toBe(
      false,
    )
    expect(goesWithCards(undefined, hidden)).toBe(false)
  })

  it('never publishes who hid a card, and offers reasons in plain words', () => {
    expect(hiddenCardValidator.isValid({ at: 1, reason: null })).toBe(true)
    expect(hiddenCardValidator.isValid({ at: 1, reason: 'hurtful' })).toBe(true)
    expect(hiddenCardValidator.isValid({ at: 1, reason: 'rude' })).toBe(false)
    expect(hiddenCardValidator.isValid({ at: 1, reason: null, by: 'p_someone' })).toBe(false)
    expect(HIDE_REASONS.all.map((reason) => reason.label)).toEqual([
      'It names someone who is not here',
      'It is hurtful',
      'Something else',
    ])
  })
})
