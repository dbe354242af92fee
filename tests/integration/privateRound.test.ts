import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { ApiPath, type ApiError, type LedgerResponse, type SessionResponse } from '../../shared/api'
import { newCardRecords } from '../../shared/newCardRecords'
import type { PrivateCardShape, PrivateCardsResponse } from '../../shared/privateRound'
import { CURRENT_KEY } from '../../shared/serverState'
import { templateShapeId } from '../../shared/sessionAreas'
import { apiCall } from '../helpers/apiCall'
import type { TestClient } from '../helpers/connectClient'
import { startFacilitatedBoard } from '../helpers/createBoard'
import { serverForSuite } from '../helpers/serverForSuite'
import { waitFor } from '../helpers/waitFor'

describe('a private writing round, against a real server', () => {
  const real = serverForSuite()
  const call = <T = SessionResponse>(method: string, path: string, token: string, body?: unknown) =>
    apiCall<T>(real.server.url, method, path, { token, body })
  const round = <T = SessionResponse>(boardId: string, token: string, body: object) =>
    call<T>('POST', ApiPath.sessionRound(boardId), token, body)
  const write = <T = PrivateCardsResponse>(boardId: string, token: string, card: object) =>
    call<T>('PUT', ApiPath.privateCard(boardId, (card as { id: string }).id), token, { card })
  const mine = (boardId: string, token: string) =>
    call<PrivateCardsResponse>('GET', ApiPath.privateCards(boardId), token)
  const roundOf = (client: TestClient) => client.state.get('session').get(CURRENT_KEY)?.round
  /** A card as the phone lane makes it, from what the person's device has of the board. */
  const cardFrom = (
    client: TestClient,
    type: PrivateCardShape['type'],
    props: object,
    id: string,
  ): PrivateCardShape =>
    newCardRecords(
      Object.values(client.snapshot()) as TLRecord[],
      type,
      props,
      client.participantId ?? '',
      Date.now(),
      id as TLShape['id'],
    ).card as PrivateCardShape
  /** True when the text was in any frame the server sent this client. */
  const received = (client: TestClient, text: string) =>
    client.frames.some((frame) => Buffer.from(frame).includes(text))

  it('shows nobody a card until the reveal, then everyone, each credited to its author', async () => {
    const { boardId, alex, sam, priya } = await startFacilitatedBoard(real.server.url)
    const clients = {
      alex: await real.connect(boardId, { token: alex.token }),
      sam: await real.connect(boardId, { token: sam.token }),
      priya: await real.connect(boardId, { token: priya.token }),
    }
    const started = await round(boardId, alex.token, { action: 'start', minutes: 5 })
    expect(started.status).toBe(200)
    expect(started.body.session.round).toMatchObject({ by: alex.participant.id })
    const { startedAt, endsAt } = started.body.session.round!
    expect(endsAt - startedAt).toBe(5 * 60_000)
    await waitFor(() => Object.values(clients).every((client) => roundOf(client)))

    const samMarker = 'Sam-private-7f3a9c'
    const priyaMarker = 'Priya-private-2b8e41'
    const samCard = cardFrom(
      clients.sam,
      'purpose-note',
      { purpose: 'idea', text: 'draft' },
      'shape:sam-idea',
    )
    expect((await write(boardId, sam.token, samCard)).status).toBe(200)
    // Changing it keeps the one card, as its author last wrote it.
    const changed = { ...samCard, props: { ...samCard.props, text: samMarker } }
    expect((await write(boardId, sam.token, changed)).body.cards).toEqual([changed])
    const priyaCard = cardFrom(
      clients.priya,
      'service',
      { name: priyaMarker },
      'shape:priya-service',
    )
    expect((await write(boardId, priya.token, priyaCard)).status).toBe(200)

    // Each person reads back only their own; the facilitator none.
    expect((await mine(boardId, sam.token)).body.cards).toEqual([changed])
    expect((await mine(boardId, priya.token)).body.cards).toEqual([priyaCard])
    expect((await mine(boardId, alex.token)).body.cards).toEqual([])
    // Someone else's card id cannot be taken over.
    const takeover = await write<ApiError>(boardId, priya.token, {
      ...changed,
      props: { ...changed.props, text: 'mine now' },
    })
    expect(takeover.status).toBe(403)
    expect(takeover.body.error).toBe('This is not one of your own cards in this round.')

    // A change everyone receives after the cards were written: whatever the server would send
    // about them has gone out by the time every client has this.
    await call('PUT', ApiPath.sessionStage(boardId), alex.token, { area: 'ideas' })
    await waitFor(() =>
      Object.values(clients).every(
        (client) => client.state.get('session').get(CURRENT_KEY)?.stage?.area === 'ideas',
      ),
    )
    for (const client of Object.values(clients)) {
      expect(client.snapshot()[changed.id]).toBeUndefined()
      expect(client.snapshot()[priyaCard.id]).toBeUndefined()
    }
    expect(received(clients.alex, samMarker) || received(clients.alex, priyaMarker)).toBe(false)
    expect(received(clients.priya, samMarker)).toBe(false)
    expect(received(clients.sam, priyaMarker)).toBe(false)

    const revealed = await round(boardId, alex.token, { action: 'reveal' })
    expect(revealed.status).toBe(200)
    expect(revealed.body.session.round).toBeNull()
    for (const client of Object.values(clients)) {
      await waitFor(() => client.snapshot()[changed.id] && client.snapshot()[priyaCard.id], {
        what: 'the revealed cards',
      })
      const idea = client.snapshot()[changed.id] as TLShape<'purpose-note'>
      expect(idea.props.text).toBe(samMarker)
      expect(idea.parentId).toBe(templateShapeId('ideas'))
      expect((client.snapshot()[priyaCard.id] as TLShape).parentId).toBe(templateShapeId('map'))
      await waitFor(() => client.state.get('attribution').get(changed.id))
      expect(client.state.get('attribution').get(changed.id)?.addedBy).toBe(sam.participant.id)
      expect(client.state.get('attribution').get(priyaCard.id)?.addedBy).toBe(priya.participant.id)
    }
    // The search above can find a card once it is there to find.
    expect(received(clients.alex, samMarker) && received(clients.alex, priyaMarker)).toBe(true)

    const { entries } = (await call<LedgerResponse>('GET', ApiPath.ledger(boardId), alex.token))
      .body
    const revealedIds: string[] = [changed.id, priyaCard.id]
    // Each credited to its author, none to the facilitator who revealed them.
    const created = entries.filter(
      (entry) => entry.action === 'created' && revealedIds.includes(entry.recordId),
    )
    expect(created.map((entry) => [entry.recordId, entry.participantId])).toEqual([
      [changed.id, sam.participant.id],
      [priyaCard.id, priya.participant.id],
    ])
    // Credited at the time each was written, before the facilitator revealed them.
    const revealStep = entries.find((entry) => entry.recordType === 'round-revealed')
    expect(revealStep?.participantId).toBe(alex.participant.id)
    for (const entry of created) expect(entry.at).toBeLessThan(revealStep!.at)

    // Once revealed, a card is on the board like any other, and private no more.
    expect((await mine(boardId, sam.token)).body.cards).toEqual([])
    expect((await write<ApiError>(boardId, sam.token, changed)).status).toBe(409)
  })

  it('keeps the cards through a restart in the middle of the round', async () => {
    const { boardId, alex, sam, priya } = await startFacilitatedBoard(real.server.url)
    const samClient = await real.connect(boardId, { token: sam.token })
    await round(boardId, alex.token, { action: 'start' })
    const samCard = cardFrom(
      samClient,
      'purpose-note',
      { purpose: 'barrier', text: 'No bus' },
      'shape:sam-barrier',
    )
    const priyaCard = cardFrom(
      samClient,
      'action',
      { what: 'Call the council' },
      'shape:priya-action',
    )
    expect((await write(boardId, sam.token, samCard)).status).toBe(200)
    expect((await write(boardId, priya.token, priyaCard)).status).toBe(200)

    real.closeClients()
    expect(await real.server.kill('SIGTERM')).toEqual({ code: 0, signal: null })
    await real.server.restart()
    const session = await call('GET', ApiPath.session(boardId), sam.token)
    expect(session.body.session.round?.endsAt).toBeGreaterThan(Date.now())
    expect((await mine(boardId, sam.token)).body.cards).toEqual([samCard])

    const watcher = await real.connect(boardId, { token: alex.token })
    expect(watcher.snapshot()[samCard.id]).toBeUndefined()
    expect((await round(boardId, alex.token, { action: 'reveal' })).status).toBe(200)
    await waitFor(() => watcher.snapshot()[samCard.id] && watcher.snapshot()[priyaCard.id])
    expect((watcher.snapshot()[samCard.id] as TLShape).parentId).toBe(templateShapeId('barriers'))
    await waitFor(() => watcher.state.get('attribution').get(priyaCard.id))
    expect(watcher.state.get('attribution').get(priyaCard.id)?.addedBy).toBe(priya.participant.id)
  })

  it('places a round revealed while nobody had the board open when it next opens', async () => {
    const { boardId, alex, sam } = await startFacilitatedBoard(real.server.url)
    await round(boardId, alex.token, { action: 'start' })
    const card = {
      ...cardFrom(
        await real.connect(boardId, { token: sam.token }),
        'purpose-note',
        { purpose: 'idea', text: 'Drop-in' },
        'shape:drop-in',
      ),
    }
    real.closeClients()
    expect((await write(boardId, sam.token, card)).status).toBe(200)
    await real.server.kill('SIGTERM')
    await real.server.restart()
    expect((await round(boardId, alex.token, { action: 'reveal' })).status).toBe(200)
    const later = await real.connect(boardId, { token: alex.token })
    await waitFor(() => later.snapshot()[card.id])
    await waitFor(() => later.state.get('attribution').get(card.id))
    expect(later.state.get('attribution').get(card.id)?.addedBy).toBe(sam.participant.id)
  })

  it('lets only facilitators run a round, and answers bad requests with a plain sentence', async () => {
    const { boardId, alex, sam } = await startFacilitatedBoard(real.server.url)
    for (const body of [{ action: 'start' }, { action: 'reveal' }]) {
      const refused = await round<ApiError>(boardId, sam.token, body)
      expect(refused.status).toBe(403)
      expect(refused.body.error).toMatch(/^Only a facilitator can do this\./)
    }
    for (const body of [
      {},
      { action: 'open' },
      { action: 'start', minutes: 0 },
      { action: 'start', minutes: 1.5 },
      { action: 'start', minutes: 61 },
    ]) {
      const bad = await round<ApiError>(boardId, alex.token, body)
      expect(bad.status).toBe(400)
      expect(bad.body.error).toMatch(/^Please /)
    }
    expect((await round<ApiError>(boardId, alex.token, { action: 'reveal' })).status).toBe(409)
    const samClient = await real.connect(boardId, { token: sam.token })
    const card = cardFrom(samClient, 'action', { what: 'Too early' }, 'shape:early')
    const early = await write<ApiError>(boardId, sam.token, card)
    expect(early.status).toBe(409)
    expect(early.body.error).toMatch(/^No private round is on/)

    await round(boardId, alex.token, { action: 'start' })
    expect((await round<ApiError>(boardId, alex.token, { action: 'start' })).status).toBe(409)
    const notACard = await write<ApiError>(boardId, sam.token, { ...card, type: 'geo' })
    expect(notACard.status).toBe(400)
    expect(notACard.body.error).toMatch(/^Please send the card/)
    const invalid = await write<ApiError>(boardId, sam.token, { ...card, props: { what: 42 } })
    expect(invalid.status).toBe(400)
    const elsewhere = await call<ApiError>(
      'PUT',
      ApiPath.privateCard(boardId, 'shape:other'),
      sam.token,
      { card },
    )
    expect(elsewhere.status).toBe(400)
    const anonymous = await apiCall<ApiError>(real.server.url, 'GET', ApiPath.privateCards(boardId))
    expect(anonymous.status).toBe(401)
    // Taking a card back leaves nothing to reveal.
    expect((await write(boardId, sam.token, card)).status).toBe(200)
    const takenBack = await call<PrivateCardsResponse>(
      'DELETE',
      ApiPath.privateCard(boardId, card.id),
      sam.token,
    )
    expect(takenBack.body.cards).toEqual([])

    const { entries } = (await call<LedgerResponse>('GET', ApiPath.ledger(boardId), sam.token)).body
    expect(
      entries.filter((entry) => entry.action === 'process').map((entry) => entry.recordType),
    ).toEqual(['round-started'])
  })
})
