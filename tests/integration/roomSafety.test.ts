import { WebSocket } from 'ws'
import { describe, expect, it } from 'vitest'
import {
  ApiPath,
  JOINING_CLOSED_MESSAGE,
  type ApiError,
  type HiddenResponse,
  type LedgerResponse,
  type SessionResponse,
} from '../../shared/api'
import { CloseCode, REMOVED_FROM_BOARD } from '../../shared/closeCodes'
import { WS_PATH, WS_QUERY } from '../../shared/protocol'
import { CURRENT_KEY } from '../../shared/serverState'
import { areaFrameId } from '../../shared/sessionAreas'
import { apiCall } from '../helpers/apiCall'
import type { TestClient } from '../helpers/connectClient'
import { joinBoard, person, startFacilitatedBoard } from '../helpers/createBoard'
import { noteRecord } from '../helpers/records'
import { serverForSuite } from '../helpers/serverForSuite'
import { waitFor } from '../helpers/waitFor'

const CARD = 'shape:names-someone'

describe('keeping the room safe, against a real server', () => {
  const real = serverForSuite()
  const call = <T = HiddenResponse>(method: string, path: string, token: string, body?: unknown) =>
    apiCall<T>(real.server.url, method, path, { token, body })
  const connect = (boardId: string, token: string) => real.connect(boardId, { token })
  const processSteps = async (boardId: string, token: string) =>
    (await call<LedgerResponse>('GET', ApiPath.ledger(boardId), token)).body.entries
      .filter((entry) => entry.action === 'process')
      .map((entry) => [entry.recordType, entry.participantId])

  /** A board where Sam added a card, with everyone's clients connected and in step. */
  const boardWithCard = async () => {
    const board = await startFacilitatedBoard(real.server.url)
    const { boardId, alex, sam, priya } = board
    const clients = {
      alex: await connect(boardId, alex.token),
      sam: await connect(boardId, sam.token),
      priya: await connect(boardId, priya.token),
    }
    clients.sam.records.set(CARD as never, noteRecord(CARD, 'Dr Jones at the surgery is lazy'))
    await waitFor(() => clients.alex.records.has(CARD as never), { what: 'the card' })
    return { ...board, clients }
  }
  const hiddenIn = (client: TestClient) => [...client.state.get('hidden').entries()]

  it('lets anyone hide a card for review, and only a facilitator restore it', async () => {
    const { boardId, alex, sam, priya, clients } = await boardWithCard()

    const hidden = await call('POST', ApiPath.hidden(boardId), priya.token, {
      shape: CARD,
      reason: 'names-someone',
    })
    expect(hidden.status).toBe(200)
    expect(hidden.body.hidden).toEqual([CARD])
    await waitFor(() => hiddenIn(clients.sam).length === 1, { what: 'the hidden state' })
    const card = clients.sam.state.get('hidden').get(CARD)
    expect(card?.reason).toBe('names-someone')
    // Hiding must feel safe: nobody is told who hid it.
    expect(JSON.stringify(card)).not.toContain(priya.participant.id)

    // A participant may not restore or remove it; a facilitator restores it.
    for (const path of [
      ApiPath.hiddenCard(boardId, CARD),
      ApiPath.hiddenCardRemoval(boardId, CARD),
    ]) {
      const refused = await call<ApiError>('DELETE', path, sam.token)
      expect(refused.status).toBe(403)
      expect(refused.body.error).toMatch(/^Only a facilitator can do this/)
    }
    const restored = await call('DELETE', ApiPath.hiddenCard(boardId, CARD), alex.token)
    expect(restored.body.hidden).toEqual([])
    await waitFor(() => hiddenIn(clients.sam).length === 0, { what: 'the card restored' })
    expect(clients.sam.records.has(CARD as never)).toBe(true)
    const again = await call<ApiError>('DELETE', ApiPath.hiddenCard(boardId, CARD), alex.token)
    expect(again.status).toBe(404)
    expect(again.body.error).toBe('This card is not hidden for review.')

    // Process entries, never credit: the card is still Sam's alone.
    expect(await processSteps(boardId, alex.token)).toEqual([
      ['card-hidden', priya.participant.id],
      ['card-restored', alex.participant.id],
    ])
    expect(clients.alex.state.get('attribution').get(CARD)?.addedBy).toBe(sam.participant.id)
  })

  it('removes a hidden card for good as the server, keeping its author’s credit', async () => {
    const { boardId, alex, sam, clients } = await boardWithCard()
    await call('POST', ApiPath.hidden(boardId), sam.token, { shape: CARD })
    const removed = await call('DELETE', ApiPath.hiddenCardRemoval(boardId, CARD), alex.token)
    expect(removed.status).toBe(200)
    await waitFor(() => !clients.sam.records.has(CARD as never), { what: 'the card to go' })
    expect(hiddenIn(clients.priya)).toEqual([])

    // A copy put back (an undo, an offline device) is refused.
    clients.sam.records.set(CARD as never, noteRecord(CARD, 'Dr Jones at the surgery is lazy'))
    await waitFor(() => clients.sam.notices.some((notice) => notice.code === 'record-refused'))
    await waitFor(() => !clients.sam.records.has(CARD as never), { what: 'the copy put back' })
    expect(clients.alex.records.has(CARD as never)).toBe(false)

    const ledger = (await call<LedgerResponse>('GET', ApiPath.ledger(boardId), alex.token)).body
    const aboutCard = ledger.entries.filter((entry) => entry.recordId === CARD)
    expect(aboutCard.map((entry) => [entry.action, entry.participantId])).toEqual([
      ['created', sam.participant.id],
      ['process', sam.participant.id],
      ['process', alex.participant.id],
    ])
    expect(aboutCard.at(-1)?.recordType).toBe('card-removed')
    expect(clients.alex.state.get('contributions').get(sam.participant.id)).toBe(1)
  })

  it('leaves hidden cards out of exports unless a facilitator asks for them', async () => {
    const { boardId, alex, sam, clients } = await boardWithCard()
    await call('POST', ApiPath.hidden(boardId), sam.token, { shape: CARD, reason: 'hurtful' })
    await waitFor(() => hiddenIn(clients.alex).length === 1)
    const exported = async (query: string, token?: string) => {
      const res = await fetch(`${real.server.url}/api/boards/${boardId}/export/tldr${query}`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      })
      return { status: res.status, text: await res.text() }
    }
    expect((await exported('')).text).not.toContain('Dr Jones')
    expect((await exported('?hidden=include', alex.token)).text).toContain('Dr Jones')
    expect((await exported('?hidden=include', sam.token)).status).toBe(403)
  })

  it('removes a participant: their sockets close with 4401, their token opens nothing, their credit stays', async () => {
    const { boardId, alex, sam, priya, clients } = await boardWithCard()
    const removePath = ApiPath.participant(boardId, sam.participant.id)

    expect((await call<ApiError>('DELETE', removePath, priya.token)).status).toBe(403)
    const self = await call<ApiError>(
      'DELETE',
      ApiPath.participant(boardId, alex.participant.id),
      alex.token,
    )
    expect(self.status).toBe(409)
    expect(self.body.error).toMatch(/^You cannot remove yourself/)

    const removed = await call('DELETE', removePath, alex.token)
    expect(removed.status).toBe(200)
    await waitFor(() => clients.sam.closeCodes.includes(CloseCode.NotAuthenticated), {
      what: 'Sam’s socket to close',
    })
    expect(clients.sam.provider.shouldConnect).toBe(false)
    await waitFor(() => clients.priya.state.get('removed').has(sam.participant.id), {
      what: 'everyone to know Sam was removed',
    })
    expect([...clients.priya.state.get('removed').keys()]).toEqual([sam.participant.id])

    // A new socket with the token is refused, with the reason that tells the page why.
    const refusal = await new Promise<{ code: number; reason: string }>((resolve) => {
      const socket = new WebSocket(
        `${real.server.wsUrl}${WS_PATH}/${boardId}?${WS_QUERY.token}=${sam.token}`,
      )
      socket.on('error', () => {})
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    })
    expect(refusal.code).toBe(CloseCode.NotAuthenticated)
    const api = await call<ApiError>('GET', ApiPath.participants(boardId), sam.token)
    expect(api.status).toBe(403)
    expect(api.body.error).toBe(REMOVED_FROM_BOARD)
    const hide = await call<ApiError>('POST', ApiPath.hidden(boardId), sam.token, { shape: CARD })
    expect(hide.status).toBe(403)

    // What Sam added stays, credited as Sam chose; the removal is a process entry.
    expect(clients.alex.records.has(CARD as never)).toBe(true)
    expect(clients.alex.state.get('attribution').get(CARD)?.addedBy).toBe(sam.participant.id)
    expect(clients.alex.state.get('people').get(sam.participant.id)?.name).toBe('Sam')
    const html = await fetch(`${real.server.url}/api/boards/${boardId}/export/html`)
    expect(await html.text()).toContain('Sam')
    expect(await processSteps(boardId, alex.token)).toEqual([
      ['participant-removed', alex.participant.id],
    ])
    // Removing again changes nothing.
    expect((await call('DELETE', removePath, alex.token)).status).toBe(200)
    expect(await processSteps(boardId, alex.token)).toHaveLength(1)
  })

  it('closes the board to new people while everyone on it keeps working', async () => {
    const { boardId, alex, sam, clients } = await boardWithCard()
    const joining = (open: boolean, token = alex.token) =>
      call<SessionResponse>('PUT', ApiPath.sessionJoining(boardId), token, { open })

    expect((await joining(false, sam.token)).status).toBe(403)
    const closed = await joining(false)
    expect(closed.status).toBe(200)
    expect(closed.body.session.joiningClosed?.by).toBe(alex.participant.id)
    await waitFor(() => clients.sam.state.get('session').get(CURRENT_KEY)?.joiningClosed, {
      what: 'everyone to see the board closed',
    })
    const refused = await fetch(`${real.server.url}${ApiPath.participants(boardId)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(person('Jo')),
    })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as ApiError).error).toBe(JOINING_CLOSED_MESSAGE)

    // People already in keep working, and may still add someone without a device beside them.
    clients.sam.records.set('shape:after' as never, noteRecord('shape:after', 'Still here'))
    await waitFor(() => clients.alex.records.has('shape:after' as never))
    await joinBoard(
      real.server.url,
      boardId,
      person('Kim', 'carer', { withoutDevice: true }),
      sam.token,
    )

    const unclear = await call<ApiError>('PUT', ApiPath.sessionJoining(boardId), alex.token, {
      open: 'yes',
    })
    expect(unclear.status).toBe(400)
    expect(unclear.body.error).toBe('Please say whether new people may join: true or false.')
    expect((await joining(true)).body.session.joiningClosed).toBeNull()
    expect((await joinBoard(real.server.url, boardId, person('Jo'))).token).toBeTruthy()
    expect(await processSteps(boardId, alex.token)).toEqual([
      ['joining-closed', alex.participant.id],
      ['joining-opened', alex.participant.id],
    ])
  })

  it('answers bad hide requests with a plain sentence', async () => {
    const { boardId, sam } = await boardWithCard()
    const area = await call<ApiError>('POST', ApiPath.hidden(boardId), sam.token, {
      shape: areaFrameId({ key: 'ideas' }),
    })
    expect(area.status).toBe(409)
    expect(area.body.error).toMatch(/^The session’s areas and their questions cannot be hidden/)
    for (const body of [{}, { shape: 'page:page' }, { shape: CARD, reason: 'annoying' }, []]) {
      const answer = await call<ApiError>('POST', ApiPath.hidden(boardId), sam.token, body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.error).toMatch(/^(Please say which card|The reason must be)/)
    }
    expect(
      (await apiCall(real.server.url, 'POST', ApiPath.hidden(boardId), { body: { shape: CARD } }))
        .status,
    ).toBe(401)
  })
})
