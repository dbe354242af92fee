import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { isWatchLinkId, watchTokenLinkId } from '../../shared/watchLinks'
import { participantId } from '../../tests/helpers/participants'
import { MemoryStorage } from '../storage/MemoryStorage'
import { hashToken, issueToken } from './participantTokens'
import { authenticateWatch, isWatchToken, issueWatchToken, newWatchLinkId } from './watchTokens'

describe('watch tokens', () => {
  it('carry their link’s id, and are never mistaken for a participant’s', () => {
    const id = newWatchLinkId()
    expect(isWatchLinkId(id)).toBe(true)
    const token = issueWatchToken(id)
    expect(watchTokenLinkId(token)).toBe(id)
    expect(isWatchToken(token)).toBe(true)
    expect(isWatchToken(issueToken(participantId('sam')))).toBe(false)
    expect(isWatchToken(null)).toBe(false)
  })

  it('open only their own board, and nothing once revoked', async () => {
    const storage = new MemoryStorage()
    for (const id of ['a', 'b']) {
      await storage.createBoard({
        info: { id, title: id, createdAt: 0 },
        initialState: Y.encodeStateAsUpdate(new Y.Doc()),
        schema: { schemaVersion: 2, sequences: {} },
      })
    }
    const id = newWatchLinkId()
    const token = issueWatchToken(id)
    const by = participantId('alex')
    const step = {
      at: 1,
      participantId: by,
      writtenDownBy: null,
      action: 'process',
      recordId: `watch-link:${id}`,
      recordType: 'watch-link-made',
    } as const
    await storage.createWatchLink(
      {
        id,
        boardId: 'a',
        tokenHash: hashToken(token),
        createdBy: by,
        createdAt: 1,
        revokedAt: null,
        revokedBy: null,
      },
      step,
    )
    expect((await authenticateWatch(storage, 'a', token)).kind).toBe('ok')
    expect((await authenticateWatch(storage, 'b', token)).kind).toBe('other-board')
    // The right id with another secret is no link at all.
    expect((await authenticateWatch(storage, 'a', issueWatchToken(id))).kind).toBe('invalid')
    await storage.revokeWatchLink('a', id, by, 2, { ...step, recordType: 'watch-link-revoked' })
    expect((await authenticateWatch(storage, 'a', token)).kind).toBe('revoked')
  })
})
