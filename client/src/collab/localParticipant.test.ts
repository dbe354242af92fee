// @vitest-environment node
import { atom, createUserId } from 'tldraw'
import { NOT_NAMED } from '../../../shared/credit'
import type { Participant } from '../../../shared/participant'
import { describe, expect, it } from 'vitest'
import { testParticipant } from '../../../tests/helpers/participants'
import { createLocalParticipant } from './localParticipant'

describe('createLocalParticipant', () => {
  it('is a tldraw user store whose user id is the participant id', () => {
    const sam = testParticipant('Sam', 'lived-experience', { color: '#d1495b' })

    const me = createLocalParticipant(sam)

    expect(me.participant.get()).toEqual(sam)
    expect(me.currentUser.get()).toMatchObject({
      typeName: 'user',
      id: createUserId(sam.id),
      name: 'Sam',
      color: '#d1495b',
    })
  })

  it('takes a new name or role', () => {
    const sam = testParticipant('Sam')
    const me = createLocalParticipant(sam)

    me.update({ ...sam, name: 'Samira', role: 'other', roleLabel: 'Peer mentor' })

    expect(me.participant.get()).toMatchObject({ name: 'Samira', roleLabel: 'Peer mentor' })
    expect(me.currentUser.get()?.name).toBe('Samira')
  })

  it('refuses another person’s id or an invalid participant, and keeps the old one', () => {
    const sam = testParticipant('Sam')
    const me = createLocalParticipant(sam)

    expect(() => me.update(testParticipant('Priya'))).toThrow(/id/)
    expect(() => me.update({ ...sam, name: '' })).toThrow()
    expect(() => createLocalParticipant({ ...sam, id: 'sam' })).toThrow()
    expect(me.participant.get()).toEqual(sam)
  })

  it('names other people as they chose to be credited, and follows a change of choice', () => {
    const sam = testParticipant('Sam')
    const priya = testParticipant('Priya', 'practitioner')
    const people = atom<ReadonlyMap<string, Participant>>('people', new Map([[priya.id, priya]]))
    const me = createLocalParticipant(sam, people)
    const resolved = me.resolve!(priya.id)

    expect(resolved.get()).toMatchObject({ id: createUserId(priya.id), name: 'Priya' })
    people.set(new Map([[priya.id, { ...priya, name: NOT_NAMED, credit: 'not-named' as const }]]))
    expect(resolved.get()?.name).toBe(NOT_NAMED)
    expect(me.resolve!('p_nobody00000000000000000').get()).toBeNull()
  })
})
