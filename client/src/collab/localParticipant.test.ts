// @vitest-environment node
import { createUserId } from 'tldraw'
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
})
