import { describe, expect, it } from 'vitest'
import { PARTICIPANT_ID_PATTERN, PARTICIPANT_TOKEN_PATTERN } from '../../shared/participant'
import { MemoryStorage } from '../storage/MemoryStorage'
import { commonmapSchema } from '../../shared/schema'
import type { StoredParticipant } from '../storage/BoardRepository'
import {
  authenticate,
  bearerToken,
  hashToken,
  issueToken,
  newParticipantId,
} from './participantTokens'

async function storageWith(boardIds: string[]) {
  const storage = new MemoryStorage()
  for (const id of boardIds) {
    await storage.createBoard({
      info: { id, title: id, createdAt: 0 },
      initialState: new Uint8Array([0, 0]),
      schema: commonmapSchema.serialize(),
    })
  }
  return storage
}

function participant(boardId: string, token: string | null): StoredParticipant {
  const id = token ? token.split('.')[0]! : newParticipantId()
  return {
    id,
    boardId,
    name: 'Sam',
    role: 'carer',
    roleOther: null,
    credit: 'full-name',
    pseudonym: null,
    color: '#000',
    withoutDevice: token === null,
    addedBy: null,
    createdAt: 0,
    tokenHash: token ? hashToken(token) : null,
    capabilities: ['view', 'edit'],
  }
}

describe('participant tokens', () => {
  it('are 128-bit ids with 256 random bits, unique every time', async () => {
    const tokens = new Set(Array.from({ length: 100 }, () => issueToken(newParticipantId())))
    expect(tokens.size).toBe(100)
    for (const token of tokens) {
      expect(token).toMatch(PARTICIPANT_TOKEN_PATTERN)
      expect(token.split('.')[0]).toMatch(PARTICIPANT_ID_PATTERN)
    }
    expect(hashToken('x')).toHaveLength(32)
  })

  it('authenticate the participant on their own board only', async () => {
    const storage = await storageWith(['board-a', 'board-b'])
    const token = issueToken(newParticipantId())
    await storage.addParticipant(participant('board-a', token))
    expect(await authenticate(storage, 'board-a', token)).toMatchObject({ kind: 'ok' })
    expect(await authenticate(storage, 'board-b', token)).toEqual({ kind: 'other-board' })
    expect(await authenticate(storage, 'board-a', undefined)).toEqual({ kind: 'missing' })
    expect(await authenticate(storage, 'board-a', '')).toEqual({ kind: 'missing' })
    const [id, secret] = token.split('.')
    const flipped = `${id}.${secret!.slice(0, -1)}${secret!.endsWith('A') ? 'B' : 'A'}`
    expect(await authenticate(storage, 'board-a', flipped)).toEqual({ kind: 'invalid' })
    expect(await authenticate(storage, 'board-a', issueToken(newParticipantId()))).toEqual({
      kind: 'invalid',
    })
    expect(await authenticate(storage, 'board-a', 'not a token')).toEqual({ kind: 'invalid' })
  })

  it('open nothing once a facilitator removed their person, and say so', async () => {
    const storage = await storageWith(['board-a'])
    const token = issueToken(newParticipantId())
    const removed = participant('board-a', token)
    await storage.addParticipant(removed)
    const step = {
      at: 1,
      participantId: removed.id,
      writtenDownBy: null,
      action: 'process' as const,
      recordId: `participant:${removed.id}`,
      recordType: 'participant-removed',
    }
    expect(await storage.removeParticipant(removed.id, step)).toBe(true)
    expect(await authenticate(storage, 'board-a', token)).toEqual({ kind: 'removed' })
    expect(await storage.removeParticipant(removed.id, step)).toBe(false)
  })

  it('never authenticate a person without a device, who has no token', async () => {
    const storage = await storageWith(['board-a'])
    const offline = participant('board-a', null)
    await storage.addParticipant(offline)
    expect(await authenticate(storage, 'board-a', `${offline.id}.${'A'.repeat(43)}`)).toEqual({
      kind: 'invalid',
    })
  })

  it('read the token of a Bearer header', async () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def')
    expect(bearerToken('bearer  abc ')).toBe('abc')
    expect(bearerToken('Basic abc')).toBeUndefined()
    expect(bearerToken(undefined)).toBeUndefined()
  })
})
