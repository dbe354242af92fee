import { describe, expect, it } from 'vitest'
import {
  ApiPath,
  type ApiError,
  type FacilitatorsResponse,
  type LedgerResponse,
} from '../../shared/api'
import { verifyLedger } from '../../shared/ledger'
import { CURRENT_KEY } from '../../shared/serverState'
import { apiCall } from '../helpers/apiCall'
import type { TestClient } from '../helpers/connectClient'
import { joinBoard, person, startFacilitatedBoard } from '../helpers/createBoard'
import { serverForSuite } from '../helpers/serverForSuite'
import { waitFor } from '../helpers/waitFor'

describe('facilitators by capability, against a real server', () => {
  const real = serverForSuite()
  const connect = (boardId: string, token: string) => real.connect(boardId, { token })
  const boardWithPeople = () => startFacilitatedBoard(real.server.url)
  const facilitates = (client: TestClient) =>
    client.state.you?.capabilities.includes('facilitate') ?? false

  it('a facilitator gives facilitating and takes it back; the board always keeps one', async () => {
    const { boardId, alex, sam } = await boardWithPeople()
    const alexClient = await connect(boardId, alex.token)
    const samClient = await connect(boardId, sam.token)
    expect(facilitates(alexClient)).toBe(true)
    expect(facilitates(samClient)).toBe(false)
    expect([...samClient.state.get('facilitators').keys()]).toEqual([alex.participant.id])

    const given = await apiCall<FacilitatorsResponse>(
      real.server.url,
      'PUT',
      ApiPath.facilitator(boardId, sam.participant.id),
      { token: alex.token },
    )
    expect(given).toEqual({
      status: 200,
      body: { facilitators: [alex.participant.id, sam.participant.id] },
    })
    // Sam's open connection may now run the session, without reconnecting.
    await waitFor(() => facilitates(samClient), { what: 'Sam to be told they facilitate' })
    await waitFor(() => alexClient.state.get('facilitators').has(sam.participant.id))
    // The report anyone downloads says who ran the session, apart from who made the board.
    const report = await fetch(`${real.server.url}${ApiPath.exportFile(boardId, 'html')}`)
    expect(await report.text()).toContain(
      'Facilitated by Alex · Facilitator and Sam · Facilitator.',
    )

    // Sam takes it back from Alex: Alex's connection loses it at once.
    const taken = await apiCall<FacilitatorsResponse>(
      real.server.url,
      'DELETE',
      ApiPath.facilitator(boardId, alex.participant.id),
      { token: sam.token },
    )
    expect(taken.body.facilitators).toEqual([sam.participant.id])
    await waitFor(() => !facilitates(alexClient), { what: 'Alex to lose facilitating' })
    await waitFor(() => !samClient.state.get('facilitators').has(alex.participant.id))

    // Sam is the last one now, so Sam cannot stop.
    const last = await apiCall<ApiError>(
      real.server.url,
      'DELETE',
      ApiPath.facilitator(boardId, sam.participant.id),
      { token: sam.token },
    )
    expect(last.status).toBe(409)
    expect(last.body.error).toMatch(/^A board always needs someone to run the session\./)
    expect(facilitates(samClient)).toBe(true)
  })

  it('running the session is a process entry in the ledger and counts in no voice balance', async () => {
    const { boardId, alex, sam } = await boardWithPeople()
    const path = ApiPath.facilitator(boardId, sam.participant.id)
    await apiCall(real.server.url, 'PUT', path, { token: alex.token })
    await apiCall(real.server.url, 'DELETE', path, { token: alex.token })
    // Asking for what already is changes nothing and records nothing.
    await apiCall(real.server.url, 'DELETE', path, { token: alex.token })

    const { body } = await apiCall<LedgerResponse>(
      real.server.url,
      'GET',
      ApiPath.ledger(boardId),
      {
        token: alex.token,
      },
    )
    expect(verifyLedger(body.entries).ok).toBe(true)
    const process = body.entries.filter((entry) => entry.action === 'process')
    expect(process.map((e) => [e.participantId, e.recordType, e.recordId])).toEqual([
      [alex.participant.id, 'facilitate-given', `participant:${sam.participant.id}`],
      [alex.participant.id, 'facilitate-taken', `participant:${sam.participant.id}`],
    ])

    const watcher = await connect(boardId, alex.token)
    expect(watcher.state.get('contributions').get(alex.participant.id) ?? 0).toBe(0)
    expect(watcher.state.get('voiceBalance').get(CURRENT_KEY)?.contributions).toBe(0)
  })

  it('refuses every facilitator call from a participant’s token with a plain sentence', async () => {
    const { boardId, alex, sam, priya } = await boardWithPeople()
    const calls: [string, string, unknown?][] = [
      ['PUT', ApiPath.facilitator(boardId, sam.participant.id)],
      ['PUT', ApiPath.facilitator(boardId, priya.participant.id)],
      ['DELETE', ApiPath.facilitator(boardId, alex.participant.id)],
      ['PUT', ApiPath.sessionStage(boardId), { area: 'ideas' }],
      ['PUT', ApiPath.sessionTimer(boardId), { seconds: 300 }],
      ['POST', ApiPath.sessionSummon(boardId), { x: 0, y: 0, w: 100, h: 100 }],
      ['PUT', ApiPath.sessionLock(boardId), { locked: true }],
      ['POST', ApiPath.sessionVote(boardId), { action: 'open', shapes: ['shape:a'], dots: 3 }],
      ['POST', ApiPath.sessionVote(boardId), { action: 'close' }],
      ['POST', ApiPath.sessionRound(boardId), { action: 'start' }],
      ['POST', ApiPath.sessionRound(boardId), { action: 'reveal' }],
      ['POST', ApiPath.watchLinks(boardId), {}],
      ['GET', ApiPath.watchLinks(boardId)],
      ['DELETE', ApiPath.watchLink(boardId, 'w_0123456789abcdefghijkl')],
      ['PUT', ApiPath.sessionJoining(boardId), { open: false }],
      ['DELETE', ApiPath.participant(boardId, sam.participant.id)],
      ['DELETE', ApiPath.hiddenCard(boardId, 'shape:a')],
      ['DELETE', ApiPath.hiddenCardRemoval(boardId, 'shape:a')],
    ]
    for (const [method, path, body] of calls) {
      const refused = await apiCall<ApiError>(real.server.url, method, path, {
        token: priya.token,
        body,
      })
      expect(refused.status, `${method} ${path}`).toBe(403)
      expect(refused.body.error).toBe(
        'Only a facilitator can do this. If you are running the session, ask a facilitator to make you one.',
      )
      expect((await apiCall(real.server.url, method, path, { body })).status).toBe(401)
    }
    const alexClient = await connect(boardId, alex.token)
    expect([...alexClient.state.get('facilitators').keys()]).toEqual([alex.participant.id])
    expect(alexClient.state.get('session').size).toBe(0)
  })

  it('says plainly why it cannot give facilitating to someone without a device or not on the board', async () => {
    const { boardId, alex } = await boardWithPeople()
    const jo = await joinBoard(
      real.server.url,
      boardId,
      person('Jo', 'carer', { withoutDevice: true }),
      alex.token,
    )
    const noDevice = await apiCall<ApiError>(
      real.server.url,
      'PUT',
      ApiPath.facilitator(boardId, jo.participant.id),
      { token: alex.token },
    )
    expect(noDevice.status).toBe(409)
    expect(noDevice.body.error).toMatch(/no device of their own/)
    const other = await boardWithPeople()
    for (const pid of [other.sam.participant.id, 'not-a-person']) {
      const missing = await apiCall<ApiError>(
        real.server.url,
        'PUT',
        ApiPath.facilitator(boardId, pid),
        { token: alex.token },
      )
      expect(missing).toEqual({ status: 404, body: { error: 'This person is not on this board.' } })
    }
  })
})
