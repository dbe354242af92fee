// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import type { Participant } from '../../../shared/participant'
import { loadParticipant, saveParticipant } from './rememberedParticipant'

const board = 'b'.repeat(22)
const sam: Participant = {
  id: `p_${'s'.repeat(22)}`,
  name: 'Sam',
  role: 'lived-experience',
  color: '#d1495b',
}

describe('remembered participant', () => {
  beforeEach(() => localStorage.clear())

  it('remembers a person per board', () => {
    expect(loadParticipant(board)).toBeUndefined()
    saveParticipant(board, sam)
    expect(loadParticipant(board)).toEqual(sam)
    expect(loadParticipant('c'.repeat(22))).toBeUndefined()
  })

  it('treats unreadable or invalid entries as not remembered', () => {
    localStorage.setItem(`commonmap:participant:${board}`, '{')
    expect(loadParticipant(board)).toBeUndefined()
    localStorage.setItem(`commonmap:participant:${board}`, JSON.stringify({ ...sam, role: 'boss' }))
    expect(loadParticipant(board)).toBeUndefined()
  })
})
