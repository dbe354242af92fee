import { describe, expect, it } from 'vitest'
import { ApiPath, type ApiError, type LedgerResponse, type SessionResponse } from '../../shared/api'
import { areaFrameId, areaPromptId, templateShapeId } from '../../shared/sessionAreas'
import { CURRENT_KEY } from '../../shared/serverState'
import { EMPTY_SESSION } from '../../shared/sessionState'
import { apiCall } from '../helpers/apiCall'
import type { TestClient } from '../helpers/connectClient'
import { startFacilitatedBoard } from '../helpers/createBoard'
import { serverForSuite } from '../helpers/serverForSuite'
import { waitFor } from '../helpers/waitFor'

describe('stages and the timer, against a real server', () => {
  const real = serverForSuite()
  const connect = (boardId: string, token: string) => real.connect(boardId, { token })

  const boardWithPeople = async () => {
    const { boardId, alex, sam } = await startFacilitatedBoard(real.server.url)
    return { boardId, alex: alex.token, sam: sam.token }
  }
  const sessionOf = (client: TestClient) => client.state.get('session').get(CURRENT_KEY)

  it('a facilitator moves everyone to an area and starts a timer in server time', async () => {
    const { boardId, alex, sam } = await boardWithPeople()
    const samClient = await connect(boardId, sam)
    expect(sessionOf(samClient)).toBeUndefined()

    const before = Date.now()
    const moved = await apiCall<SessionResponse>(
      real.server.url,
      'PUT',
      ApiPath.sessionStage(boardId),
      {
        token: alex,
        body: { area: areaFrameId({ key: 'ideas' }) },
      },
    )
    expect(moved.status).toBe(200)
    expect(moved.body.session.stage?.area).toBe('ideas')
    await waitFor(() => sessionOf(samClient)?.stage?.area === 'ideas', { what: 'the stage' })

    const timed = await apiCall<SessionResponse>(
      real.server.url,
      'PUT',
      ApiPath.sessionTimer(boardId),
      {
        token: alex,
        body: { seconds: 300 },
      },
    )
    const timer = timed.body.session.timer!
    expect(timer.endsAt - timer.startedAt).toBe(300_000)
    expect(timer.startedAt).toBeGreaterThanOrEqual(before)
    expect(timed.body.session.stage?.area).toBe('ideas')
    await waitFor(() => sessionOf(samClient)?.timer?.endsAt === timer.endsAt)

    // Anyone on the board can read it, with the server's clock to count down by.
    const read = await apiCall<SessionResponse>(real.server.url, 'GET', ApiPath.session(boardId), {
      token: sam,
    })
    expect(read.body.session).toEqual(timed.body.session)
    expect(Math.abs(read.body.now - Date.now())).toBeLessThan(5_000)

    // Moving on stops the last stage's timer; 0 seconds stops it too.
    await apiCall(real.server.url, 'PUT', ApiPath.sessionTimer(boardId), {
      token: alex,
      body: { seconds: 0 },
    })
    await waitFor(() => sessionOf(samClient)?.timer === null, { what: 'the timer to stop' })
    await apiCall(real.server.url, 'PUT', ApiPath.sessionTimer(boardId), {
      token: alex,
      body: { seconds: 60 },
    })
    await apiCall(real.server.url, 'PUT', ApiPath.sessionStage(boardId), {
      token: alex,
      body: { area: 'next' },
    })
    await waitFor(() => sessionOf(samClient)?.stage?.area === 'next')
    expect(sessionOf(samClient)?.timer).toBeNull()

    // Each step is a process entry, and nobody is credited with anything for it.
    const ledger = await apiCall<LedgerResponse>(real.server.url, 'GET', ApiPath.ledger(boardId), {
      token: sam,
    })
    expect(
      ledger.body.entries.filter((e) => e.action === 'process').map((e) => e.recordType),
    ).toEqual(['stage-moved', 'timer-started', 'timer-stopped', 'timer-started', 'stage-moved'])
    expect(samClient.state.get('voiceBalance').get(CURRENT_KEY)?.contributions).toBe(0)
  })

  it('brings everyone to a facilitator’s view once', async () => {
    const { boardId, alex, sam } = await boardWithPeople()
    const samClient = await connect(boardId, sam)
    const view = { x: -200, y: 540, w: 1280, h: 700 }
    const brought = await apiCall<SessionResponse>(
      real.server.url,
      'POST',
      ApiPath.sessionSummon(boardId),
      { token: alex, body: view },
    )
    expect(brought.status).toBe(200)
    await waitFor(() => sessionOf(samClient)?.summon, { what: 'the view to bring everyone to' })
    expect(sessionOf(samClient)?.summon).toMatchObject(view)
    const refused = await apiCall<ApiError>(
      real.server.url,
      'POST',
      ApiPath.sessionSummon(boardId),
      {
        token: alex,
        body: { ...view, w: 0 },
      },
    )
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatch(/^Please give the part of the board/)
  })

  it('keeps the session through a restart', async () => {
    const { boardId, alex } = await boardWithPeople()
    await apiCall(real.server.url, 'PUT', ApiPath.sessionStage(boardId), {
      token: alex,
      body: { area: 'map' },
    })
    const { body } = await apiCall<SessionResponse>(
      real.server.url,
      'PUT',
      ApiPath.sessionTimer(boardId),
      { token: alex, body: { seconds: 600 } },
    )
    await real.server.kill('SIGTERM')
    await real.server.restart()
    const client = await connect(boardId, alex)
    expect(sessionOf(client)).toEqual(body.session)
  })

  it('answers bad input with a plain sentence and changes nothing', async () => {
    const { boardId, alex, sam } = await boardWithPeople()
    const bad: [string, unknown][] = [
      [ApiPath.sessionStage(boardId), { area: 'nowhere' }],
      [ApiPath.sessionStage(boardId), { area: 7 }],
      [ApiPath.sessionStage(boardId), []],
      [ApiPath.sessionTimer(boardId), { seconds: -1 }],
      [ApiPath.sessionTimer(boardId), { seconds: 2.5 }],
      [ApiPath.sessionTimer(boardId), { seconds: 1e9 }],
      [ApiPath.sessionTimer(boardId), { seconds: '300' }],
    ]
    for (const [path, body] of bad) {
      const answer = await apiCall<ApiError>(real.server.url, 'PUT', path, { token: alex, body })
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.error).toMatch(/^Please /)
    }
    const notJson = await fetch(real.server.url + ApiPath.sessionTimer(boardId), {
      method: 'PUT',
      headers: { Authorization: `Bearer ${alex}`, 'Content-Type': 'application/json' },
      body: '{"seconds":',
    })
    expect(notJson.status).toBe(400)
    const read = await apiCall<SessionResponse>(real.server.url, 'GET', ApiPath.session(boardId), {
      token: sam,
    })
    expect(read.body.session).toEqual(EMPTY_SESSION)
    expect((await apiCall(real.server.url, 'GET', ApiPath.session(boardId))).status).toBe(401)
  })
  it('refuses changes to locked areas from anyone who does not facilitate, and only those', async () => {
    const { boardId, alex, sam } = await boardWithPeople()
    const alexClient = await connect(boardId, alex)
    const samClient = await connect(boardId, sam)
    const frame = areaFrameId({ key: 'ideas' })
    const prompt = areaPromptId({ key: 'ideas' })
    const card = templateShapeId('agreement-1')
    const xOf = (client: TestClient, id: string) => (client.snapshot()[id] as { x: number }).x
    const moveBy = (client: TestClient, id: string, dx: number) => {
      const record = client.records.get(id as never) as unknown as { x: number }
      client.records.set(id as never, { ...record, x: record.x + dx } as never)
    }
    const lock = (locked: boolean, token = alex) =>
      apiCall<SessionResponse>(real.server.url, 'PUT', ApiPath.sessionLock(boardId), {
        token,
        body: { locked },
      })

    // Unlocked, anyone may move an area.
    const start = xOf(alexClient, frame)
    moveBy(samClient, frame, 10)
    await waitFor(() => xOf(alexClient, frame) === start + 10, { what: 'the unlocked move' })

    const locked = await lock(true)
    expect(locked.status).toBe(200)
    expect(locked.body.session.lock?.by).toBe(alex.split('.')[0])
    await waitFor(() => sessionOf(samClient)?.lock, { what: 'Sam to see the lock' })

    // Locked: Sam's move and deletion are put back, for Sam too; a card in the area stays free.
    moveBy(samClient, frame, 500)
    samClient.records.delete(prompt as never)
    moveBy(samClient, card, 20)
    const cardStart = xOf(alexClient, card)
    await waitFor(() => xOf(alexClient, card) === cardStart + 20, { what: 'the card to move' })
    await waitFor(
      () => xOf(samClient, frame) === start + 10 && samClient.records.has(prompt as never),
      { what: 'Sam to be put back' },
    )
    expect(xOf(alexClient, frame)).toBe(start + 10)
    expect(alexClient.records.has(prompt as never)).toBe(true)
    expect(samClient.notices.map((notice) => notice.code)).toContain('record-refused')

    // A facilitator still can, and a participant cannot lift the lock.
    moveBy(alexClient, frame, 30)
    await waitFor(() => xOf(samClient, frame) === start + 40, { what: 'the facilitator’s move' })
    expect((await lock(false, sam)).status).toBe(403)
    const unclear = await apiCall<ApiError>(real.server.url, 'PUT', ApiPath.sessionLock(boardId), {
      token: alex,
      body: { locked: 'yes' },
    })
    expect(unclear.status).toBe(400)
    expect(unclear.body.error).toBe('Please say whether the areas are locked: true or false.')

    // Unlocked again, Sam may move it; both steps are process entries.
    expect((await lock(false)).body.session.lock).toBeNull()
    await waitFor(() => !sessionOf(samClient)?.lock, { what: 'Sam to see the unlock' })
    moveBy(samClient, frame, 5)
    await waitFor(() => xOf(alexClient, frame) === start + 45, { what: 'the move after unlocking' })
    const ledger = await apiCall<LedgerResponse>(real.server.url, 'GET', ApiPath.ledger(boardId), {
      token: alex,
    })
    expect(
      ledger.body.entries.filter((entry) => entry.action === 'process').map((e) => e.recordType),
    ).toEqual(['layout-locked', 'layout-unlocked'])
  })
})
