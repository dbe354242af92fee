import { describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import {
  ApiPath,
  type ApiError,
  type LedgerResponse,
  type ParticipantsResponse,
  type SessionResponse,
} from '../../shared/api'
import { CloseCode } from '../../shared/closeCodes'
import { CURRENT_KEY } from '../../shared/serverState'
import type { WatchLinkCreated, WatchLinksResponse } from '../../shared/watchLinks'
import { apiCall } from '../helpers/apiCall'
import type { TestClient } from '../helpers/connectClient'
import { startFacilitatedBoard } from '../helpers/createBoard'
import { serverForSuite } from '../helpers/serverForSuite'
import { waitFor } from '../helpers/waitFor'

describe('watch links, against a real server', () => {
  const real = serverForSuite()
  const call = <T>(method: string, path: string, token?: string, body?: unknown) =>
    apiCall<T>(real.server.url, method, path, { token, body })
  const makeLink = async (boardId: string, token: string) => {
    const made = await call<WatchLinkCreated>('POST', ApiPath.watchLinks(boardId), token, {})
    expect(made.status).toBe(201)
    return made.body
  }
  const watching = (client: TestClient) => client.state.get('watching').get(CURRENT_KEY)
  const shapeIds = (client: TestClient) =>
    [...client.records.map.keys()].filter((id) => id.startsWith('shape:'))

  it('a facilitator makes a link; whoever opens it only watches, is counted, and is nobody', async () => {
    const { boardId, alex, sam } = await startFacilitatedBoard(real.server.url)
    const samClient = await real.connect(boardId, { token: sam.token })
    const made = await makeLink(boardId, alex.token)
    expect(made.url).toBe(`${real.server.url}/b/${boardId}?watch=${made.token}`)
    expect(made.link).toMatchObject({ createdBy: alex.participant.id, revokedAt: null })

    const watchers = await Promise.all(
      [1, 2, 3].map(() => real.connect(boardId, { token: made.token })),
    )
    for (const watcher of watchers) {
      expect(watcher.state.you).toEqual({ participantId: null, capabilities: ['view'] })
      // They see the board and everyone as credited.
      expect(shapeIds(watcher).sort()).toEqual(shapeIds(samClient).sort())
      expect(watcher.state.get('people').get(sam.participant.id)?.name).toBe('Sam')
    }
    await waitFor(() => watching(samClient) === 3, { what: '"3 watching"' })

    // Nobody joined: the people on the board are the same three.
    const people = await call<ParticipantsResponse>('GET', ApiPath.participants(boardId), sam.token)
    expect(people.body.participants).toHaveLength(3)
    // No presence: watchers never show in "who is here".
    for (const watcher of watchers) watcher.provider.awareness.setLocalState({ name: 'Someone' })
    const alexClient = await real.connect(boardId, { token: alex.token })
    alexClient.provider.awareness.setLocalState({ name: 'Alex' })
    const alexHere = alexClient.doc.clientID
    await waitFor(() => samClient.provider.awareness.getStates().has(alexHere), {
      what: 'presence sent after the watchers’',
    })
    const presentIds = [...samClient.provider.awareness.getStates().keys()]
    for (const watcher of watchers) expect(presentIds).not.toContain(watcher.doc.clientID)

    watchers[0]?.close()
    await waitFor(() => watching(samClient) === 2, { what: 'a watcher to leave' })

    // A watcher reads the session (to count a timer down by the server's clock), nothing else.
    const session = await call<SessionResponse>('GET', ApiPath.session(boardId), made.token)
    expect(session.status).toBe(200)
    expect(session.body.myDots).toEqual({})
    expect((await call('GET', ApiPath.participants(boardId), made.token)).status).toBe(401)

    // Who made it and when is listed (never the token or its hash), and in the ledger.
    const listed = await call<WatchLinksResponse>('GET', ApiPath.watchLinks(boardId), alex.token)
    expect(listed.body.links).toEqual([made.link])
    expect(JSON.stringify(listed.body)).not.toContain(made.token.split('.')[1])
    const ledger = await call<LedgerResponse>('GET', ApiPath.ledger(boardId), sam.token)
    expect(ledger.body.entries.filter((e) => e.action === 'process')).toEqual([
      expect.objectContaining({
        participantId: alex.participant.id,
        recordType: 'watch-link-made',
        recordId: `watch-link:${made.link.id}`,
      }),
    ])
  })

  it('a watcher’s 1,000 writes: none is stored or relayed', async () => {
    const { boardId, alex, sam, priya } = await startFacilitatedBoard(real.server.url)
    const samClient = await real.connect(boardId, { token: sam.token })
    const priyaClient = await real.connect(boardId, { token: priya.token })
    const ledgerBefore = await call<LedgerResponse>('GET', ApiPath.ledger(boardId), sam.token)
    const { token } = await makeLink(boardId, alex.token)
    const watcher = await real.connect(boardId, { token })

    const template = samClient.records.get(shapeIds(samClient)[0] as string) as TLRecord
    for (let i = 0; i < 1000; i++) {
      watcher.records.set(`shape:watcher${i}`, { ...template, id: `shape:watcher${i}` } as TLRecord)
    }
    // Told, then cut off for going on: a working app never writes when it may only watch.
    await waitFor(() => watcher.closeCodes.includes(CloseCode.ViewOnly), {
      what: 'the watcher to be closed for writing',
    })
    expect(watcher.notices.map((n) => n.code)).toContain('view-only')

    // A change made after the watcher's reaches Sam, and theirs never did.
    priyaClient.records.set('shape:afterwards', { ...template, id: 'shape:afterwards' } as TLRecord)
    await waitFor(() => samClient.records.has('shape:afterwards'), { what: 'Priya’s shape' })
    expect(shapeIds(samClient).filter((id) => id.includes('watcher'))).toEqual([])

    // Nothing stored: a new connection and the board's file have none of them, and the ledger
    // only gained Priya's shape and the link.
    const fresh = await real.connect(boardId, { token: sam.token })
    expect(shapeIds(fresh).filter((id) => id.includes('watcher'))).toEqual([])
    const exported = await fetch(`${real.server.url}/api/boards/${boardId}/export/tldr`)
    expect(await exported.text()).not.toContain('watcher')
    const ledgerAfter = await call<LedgerResponse>('GET', ApiPath.ledger(boardId), sam.token)
    expect(ledgerAfter.body.entries.slice(ledgerBefore.body.entries.length)).toEqual([
      expect.objectContaining({ recordType: 'watch-link-made' }),
      expect.objectContaining({
        recordId: 'shape:afterwards',
        participantId: priya.participant.id,
      }),
    ])
  })

  it('a revoked link closes its open sockets and opens nothing after', async () => {
    const { boardId, alex, sam } = await startFacilitatedBoard(real.server.url)
    const samClient = await real.connect(boardId, { token: sam.token })
    const kept = await makeLink(boardId, alex.token)
    const revoked = await makeLink(boardId, alex.token)
    const keptWatcher = await real.connect(boardId, { token: kept.token })
    const watcher = await real.connect(boardId, { token: revoked.token })
    await waitFor(() => watching(samClient) === 2)

    const answer = await call<WatchLinksResponse>(
      'DELETE',
      ApiPath.watchLink(boardId, revoked.link.id),
      alex.token,
    )
    expect(answer.status).toBe(200)
    const after = answer.body.links.find((link) => link.id === revoked.link.id)
    expect(after).toMatchObject({ revokedBy: alex.participant.id })
    expect(after?.revokedAt).toBeGreaterThanOrEqual(revoked.link.createdAt)
    await waitFor(() => watcher.closeCodes.includes(CloseCode.LinkRevoked), {
      what: 'the open socket to be closed',
    })
    await waitFor(() => watching(samClient) === 1, { what: 'the count to drop' })
    expect(keptWatcher.provider.wsconnected).toBe(true)

    const again = await real.connect(boardId, { token: revoked.token, waitForSync: false })
    await waitFor(() => again.closeCodes.includes(CloseCode.LinkRevoked), {
      what: 'a new socket to be refused',
    })
    expect(again.provider.synced).toBe(false)

    // Revoking twice changes nothing; both steps are in the ledger once each.
    await call('DELETE', ApiPath.watchLink(boardId, revoked.link.id), alex.token)
    const ledger = await call<LedgerResponse>('GET', ApiPath.ledger(boardId), sam.token)
    expect(
      ledger.body.entries.filter((e) => e.action === 'process').map((e) => e.recordType),
    ).toEqual(['watch-link-made', 'watch-link-made', 'watch-link-revoked'])
  })

  it('only a facilitator makes, lists or revokes links, in plain words', async () => {
    const { boardId, alex, sam } = await startFacilitatedBoard(real.server.url)
    const other = await startFacilitatedBoard(real.server.url)
    const made = await makeLink(boardId, alex.token)

    for (const [method, path, body] of [
      ['POST', ApiPath.watchLinks(boardId), {}],
      ['GET', ApiPath.watchLinks(boardId), undefined],
      ['DELETE', ApiPath.watchLink(boardId, made.link.id), undefined],
    ] as const) {
      const refused = await call<ApiError>(method, path, sam.token, body)
      expect(refused.status).toBe(403)
      expect(refused.body.error).toMatch(/^Only a facilitator can do this\./)
      expect((await call(method, path, undefined, body)).status).toBe(401)
      // A watch link's token is nobody's: it runs nothing either.
      expect((await call(method, path, made.token, body)).status).toBe(401)
    }
    const listed = await call<WatchLinksResponse>('GET', ApiPath.watchLinks(boardId), alex.token)
    expect(listed.body.links.map((link) => link.revokedAt)).toEqual([null])

    const unknown = await call<ApiError>(
      'DELETE',
      ApiPath.watchLink(boardId, 'w_AAAAAAAAAAAAAAAAAAAAAA'),
      alex.token,
    )
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toBe('This board has no such watch link.')
    // Another board's facilitator cannot revoke it either.
    const elsewhere = await call(
      'DELETE',
      ApiPath.watchLink(boardId, made.link.id),
      other.alex.token,
    )
    expect(elsewhere.status).toBe(403)
    const wrongBody = await call<ApiError>('POST', ApiPath.watchLinks(boardId), alex.token, [])
    expect(wrongBody.status).toBe(400)

    // The link does not open another board.
    const wrongBoard = await real.connect(other.boardId, { token: made.token, waitForSync: false })
    await waitFor(() => wrongBoard.closeCodes.includes(CloseCode.Forbidden))
  })
})
