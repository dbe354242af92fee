import { describe, expect, it } from 'vitest'
import { ApiPath, type ApiError, type LedgerResponse, type SessionResponse } from '../../shared/api'
import { CURRENT_KEY } from '../../shared/serverState'
import { apiCall } from '../helpers/apiCall'
import { joinBoard, person, startFacilitatedBoard } from '../helpers/createBoard'
import { serverForSuite } from '../helpers/serverForSuite'
import { waitFor } from '../helpers/waitFor'

const [A, B, C, D] = ['shape:idea-1', 'shape:idea-2', 'shape:barrier-1', 'shape:barrier-2']

describe('dot voting, against a real server', () => {
  const real = serverForSuite()
  const call = <T = SessionResponse>(method: string, path: string, token: string, body?: unknown) =>
    apiCall<T>(real.server.url, method, path, { token, body })
  const vote = <T = SessionResponse>(boardId: string, token: string, body: object) =>
    call<T>('POST', ApiPath.sessionVote(boardId), token, body)
  const open = (boardId: string, token: string, options: object = {}) =>
    vote(boardId, token, { action: 'open', shapes: [A, B, C, D], ...options })
  const cast = <T = SessionResponse>(boardId: string, token: string, shape: string, dots = 1) =>
    call<T>('PUT', ApiPath.votes(boardId, shape), token, { dots })
  const tokenOf = async (boardId: string, ...request: Parameters<typeof person>) =>
    (await joinBoard(real.server.url, boardId, person(...request))).token!

  it('gives each person their dots and refuses the fourth of three', async () => {
    const { boardId, alex, sam } = await startFacilitatedBoard(real.server.url)
    const opened = await open(boardId, alex.token)
    expect(opened.status).toBe(200)
    expect(opened.body.vote?.vote).toMatchObject({
      dots: 3,
      severalPerCard: false,
      showLive: false,
    })

    for (const shape of [A, B, C]) expect((await cast(boardId, sam.token, shape)).status).toBe(200)
    const fourth = await cast<ApiError>(boardId, sam.token, D)
    expect(fourth.status).toBe(409)
    expect(fourth.body.error).toBe(
      'You have 3 dots in all and 0 left. Take a dot back from another card first.',
    )
    const twoOnOne = await cast<ApiError>(boardId, sam.token, A, 2)
    expect(twoOnOne.body.error).toBe('In this vote you can put one dot on each card.')
    const outside = await cast<ApiError>(boardId, sam.token, 'shape:not-in-the-vote')
    expect(outside.body.error).toBe('This card is not part of the vote.')

    // 0 takes a dot back, and frees it for another card.
    expect((await cast(boardId, sam.token, B, 0)).body.myDots).toEqual({ [A]: 1, [C]: 1 })
    expect((await cast(boardId, sam.token, D)).body.myDots).toEqual({ [A]: 1, [C]: 1, [D]: 1 })

    // Several on one card, when the vote allows it, still add up to the vote's dots.
    await vote(boardId, alex.token, { action: 'close' })
    await open(boardId, alex.token, { dots: 3, severalPerCard: true })
    expect((await cast(boardId, sam.token, A, 2)).status).toBe(200)
    expect((await cast(boardId, sam.token, B, 2)).status).toBe(409)
    const read = await call('GET', ApiPath.session(boardId), sam.token)
    // The dots of the closed vote never count in the new one.
    expect(read.body.myDots).toEqual({ [A]: 2 })
  })

  it('lets only facilitators open and close a vote, with a plain sentence for others', async () => {
    const { boardId, alex, sam } = await startFacilitatedBoard(real.server.url)
    for (const body of [{ action: 'open', shapes: [A] }, { action: 'close' }]) {
      const refused = await vote<ApiError>(boardId, sam.token, body)
      expect(refused.status).toBe(403)
      expect(refused.body.error).toMatch(/^Only a facilitator can do this\./)
    }
    expect((await vote<ApiError>(boardId, alex.token, { action: 'close' })).status).toBe(409)
    const bad = await vote<ApiError>(boardId, alex.token, { action: 'open', shapes: [A], dots: 0 })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatch(/^Please /)
    expect((await cast<ApiError>(boardId, sam.token, A)).status).toBe(409)

    await open(boardId, alex.token)
    expect((await open(boardId, alex.token)).status).toBe(409)
    await vote(boardId, alex.token, { action: 'close' })
    const ledger = await call<LedgerResponse>('GET', ApiPath.ledger(boardId), sam.token)
    const steps = ledger.body.entries.filter((entry) => entry.action === 'process')
    expect(steps.map((entry) => [entry.recordType, entry.participantId])).toEqual([
      ['vote-opened', alex.participant.id],
      ['vote-closed', alex.participant.id],
    ])
  })

  it('keeps results back until the vote closes, then splits them by role safely', async () => {
    const { boardId, alex, sam, priya } = await startFacilitatedBoard(real.server.url)
    const kim = await tokenOf(boardId, 'Kim')
    const lee = await tokenOf(boardId, 'Lee')
    const jo = await tokenOf(boardId, 'Jo', 'carer', { credit: 'not-named' })
    const watcher = await real.connect(boardId, { token: sam.token })
    const published = () => watcher.state.get('vote').get(CURRENT_KEY)

    await open(boardId, alex.token)
    // Three people with lived experience; two practitioners; one carer who is not named.
    for (const token of [sam.token, kim, lee]) await cast(boardId, token, A)
    for (const token of [alex.token, priya.token]) await cast(boardId, token, B)
    await cast(boardId, jo, C)
    await waitFor(() => published()?.voters === 6, { what: 'six people to have voted' })
    expect(published()?.results).toBeNull()
    expect((await call('GET', ApiPath.session(boardId), kim)).body.vote?.results).toBeNull()

    const closed = await vote(boardId, alex.token, { action: 'close' })
    expect(closed.body.vote?.results).not.toBeNull()
    await waitFor(() => published()?.results, { what: 'the results' })
    const cards = published()!.results!.cards
    expect(cards.map((card) => [card.shapeId, card.dots, card.split.contributions])).toEqual([
      [A, 3, 3],
      [B, 2, 2],
      // Jo's dot counts in the card's total, but in no group's figure while fewer than three
      // people chose not to be named.
      [C, 1, 0],
      [D, 0, 0],
    ])
    const b = cards[1]!.split
    expect(b.roles).toEqual([
      expect.objectContaining({ role: 'lived-experience', shown: true, contributions: 0 }),
      expect.objectContaining({ role: 'practitioner', shown: false, contributions: null }),
    ])
    // Two practitioners are fewer than three, alone or pooled: their dots are not shown.
    expect(b.smallGroups).toMatchObject({ roles: ['practitioner'], contributions: null })
    expect(b.notNamed).toEqual({ count: 1, figures: null })
    expect(JSON.stringify(published())).not.toContain('carer')
    // Too few professionals to compare the two sides.
    expect(published()!.results!.differences).toBeNull()
  })

  it('shows results while the vote is open when the facilitator chose that', async () => {
    const { boardId, alex, sam } = await startFacilitatedBoard(real.server.url)
    await open(boardId, alex.token, { showLive: true })
    const placed = await cast(boardId, sam.token, A)
    expect(placed.body.vote?.results?.cards[0]?.shapeId).toBe(A)
  })

  it('keeps a vote and everyone’s dots through a restart', async () => {
    const { boardId, alex, sam } = await startFacilitatedBoard(real.server.url)
    await open(boardId, alex.token)
    await cast(boardId, sam.token, A)
    await cast(boardId, sam.token, C)
    await real.server.kill('SIGTERM')
    await real.server.restart()
    const read = await call('GET', ApiPath.session(boardId), sam.token)
    expect(read.body.myDots).toEqual({ [A]: 1, [C]: 1 })
    expect(read.body.vote).toMatchObject({ voters: 1, vote: { closedAt: null } })
    // Still enforced after it: two more dots would be four.
    await cast(boardId, sam.token, D)
    expect((await cast(boardId, sam.token, B)).status).toBe(409)
    const client = await real.connect(boardId, { token: alex.token })
    expect(client.state.get('vote').get(CURRENT_KEY)?.voters).toBe(1)
  })
})
