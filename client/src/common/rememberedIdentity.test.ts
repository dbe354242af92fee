// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import type { ParticipantProfile } from '../../../shared/api'
import { forgetIdentity, loadIdentity, saveIdentity } from './rememberedIdentity'

const board = 'b'.repeat(22)
const participant: ParticipantProfile = {
  id: `p_${'s'.repeat(22)}`,
  boardId: board,
  name: 'Sam Jones',
  role: 'lived-experience',
  roleOther: null,
  credit: 'first-name',
  pseudonym: null,
  color: '#d1495b',
  withoutDevice: false,
  addedBy: null,
  createdAt: 1,
}
const identity = { participant, token: `${participant.id}.${'t'.repeat(43)}` }

describe('remembered identity', () => {
  beforeEach(() => localStorage.clear())

  it('remembers a person per board, and forgets them', () => {
    expect(loadIdentity(board)).toBeUndefined()
    saveIdentity(board, identity)
    expect(loadIdentity(board)).toEqual(identity)
    expect(loadIdentity('c'.repeat(22))).toBeUndefined()
    forgetIdentity(board)
    expect(loadIdentity(board)).toBeUndefined()
  })

  it('treats unreadable, invalid or mismatched entries as not remembered', () => {
    localStorage.setItem(`commonmap:identity:${board}`, '{')
    expect(loadIdentity(board)).toBeUndefined()
    for (const bad of [
      { ...identity, token: 'nope' },
      { ...identity, token: `p_${'x'.repeat(22)}.${'t'.repeat(43)}` },
      { ...identity, participant: { ...participant, role: 'boss' } },
      { ...identity, participant: { ...participant, boardId: 'c'.repeat(22) } },
    ]) {
      localStorage.setItem(`commonmap:identity:${board}`, JSON.stringify(bad))
      expect(loadIdentity(board)).toBeUndefined()
    }
  })
})
