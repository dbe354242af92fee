import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { bindWritingFor } from '../../client/src/collab/writingFor'
import type { LedgerResponse, ParticipantsResponse } from '../../shared/api'
import { AttributionFold } from '../../shared/attribution'
import { CloseCode } from '../../shared/closeCodes'
import { DocRoot, getRecordStore } from '../../shared/docLayout'
import { verifyLedger, type LedgerEntry } from '../../shared/ledger'
import { WS_PATH, WS_QUERY, type WritingForReply } from '../../shared/protocol'
import { CURRENT_KEY } from '../../shared/serverState'
import { computeVoiceBalance } from '../../shared/voiceBalance'
import { connectClient, type TestClient } from '../helpers/connectClient'
import { createBoard, createBoardWith, joinBoard, person } from '../helpers/createBoard'
import { noteRecord } from '../helpers/records'
import { withServerDatabase } from '../helpers/serverDatabase'
import { startServer, type TestServer } from '../helpers/startServer'
import { waitFor } from '../helpers/waitFor'

describe('attribution people can trust, against a real server', () => {
  let server: TestServer
  const clients: TestClient[] = []
  beforeAll(async () => {
    server = await startServer()
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.close()
  })
  afterAll(() => server.stop())

  const connect = async (boardId: string, token?: string | null) => {
    const client = await connectClient(server.url, boardId, { token })
    clients.push(client)
    return client
  }
  const api = async <T>(path: string, token: string, init: RequestInit = {}) => {
    const res = await fetch(server.url + path, {
      ...init,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    })
    return { status: res.status, body: (await res.json()) as T }
  }
  const ledgerOf = async (boardId: string, token: string, recordId?: string) =>
    (
      await api<LedgerResponse>(
        `/api/boards/${boardId}/ledger${recordId ? `?recordId=${recordId}` : ''}`,
        token,
      )
    ).body.entries
  const attributionOf = (client: TestClient, id: string) => client.state.get('attribution').get(id)
  const personOf = (client: TestClient, id: string) => {
    const credited = client.state.get('people').get(id)
    return (
      credited && { ...credited, contributions: client.state.get('contributions').get(id) ?? 0 }
    )
  }

  /** A raw socket to a board with a query; resolves its close code. */
  const closeCodeFor = (boardId: string, query: string) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(`${server.wsUrl}${WS_PATH}/${boardId}${query}`)
      socket.on('error', () => {})
      socket.once('close', (code) => resolve(code))
    })

  describe('identity', () => {
    it('refuses a missing, a wrong and another board’s token, before the room is joined', async () => {
      const boardId = await createBoard(server.url)
      const otherBoard = await createBoard(server.url)
      const { token } = await joinBoard(server.url, boardId, person('Sam'))
      const { token: otherToken } = await joinBoard(server.url, otherBoard, person('Jo'))
      const wrong = `${token!.split('.')[0]}.${'A'.repeat(43)}`
      const t = WS_QUERY.token
      expect(await closeCodeFor(boardId, '')).toBe(CloseCode.NotAuthenticated)
      expect(await closeCodeFor(boardId, `?${t}=${wrong}`)).toBe(CloseCode.NotAuthenticated)
      expect(await closeCodeFor(boardId, `?${t}=nonsense`)).toBe(CloseCode.NotAuthenticated)
      expect(await closeCodeFor(boardId, `?${t}=${otherToken}`)).toBe(CloseCode.Forbidden)
      // A y-websocket client is told to stop, not to retry for ever.
      const refused = await connectClient(server.url, boardId, { token: null, waitForSync: false })
      clients.push(refused)
      await waitFor(() => refused.closeCodes.includes(CloseCode.NotAuthenticated))
      expect(refused.provider.shouldConnect).toBe(false)
      expect(server.logs).toContainEqual(
        expect.objectContaining({ event: 'socket.refused', boardId, reason: 'other-board' }),
      )
    })

    it('refuses API calls that act as someone without their token', async () => {
      const boardId = await createBoard(server.url)
      const { token } = await joinBoard(server.url, boardId, person('Sam'))
      const res = await fetch(`${server.url}/api/boards/${boardId}/participants`)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({
        error: 'This link has expired or is not valid — ask the facilitator for a new one.',
      })
      const otherBoard = await createBoard(server.url)
      expect((await api(`/api/boards/${otherBoard}/participants`, token!)).status).toBe(403)
    })

    it('keeps the same participant when the same device comes back', async () => {
      const boardId = await createBoard(server.url)
      const { participant, token } = await joinBoard(server.url, boardId, person('Sam'))
      const first = await connect(boardId, token)
      first.records.set('shape:one', noteRecord('shape:one', 'First visit'))
      await waitFor(async () => (await ledgerOf(boardId, token!)).length === 1)
      first.close()
      clients.splice(clients.indexOf(first), 1)

      const again = await connect(boardId, token)
      again.records.set('shape:two', noteRecord('shape:two', 'Second visit'))
      await waitFor(async () => (await ledgerOf(boardId, token!)).length === 2)
      const entries = await ledgerOf(boardId, token!)
      expect(entries.map((e) => e.participantId)).toEqual([participant.id, participant.id])
      const { body } = await api<ParticipantsResponse>(
        `/api/boards/${boardId}/participants`,
        token!,
      )
      expect(body.participants.map((p) => p.id)).toEqual([participant.id])
    })

    it('lets a board’s creator join as it is created, credited with its first records', async () => {
      const created = await createBoardWith(server.url, {
        title: 'Housing',
        creator: person('Fran', 'facilitator'),
      })
      const { participant, token } = created.creator!
      expect(participant).toMatchObject({ name: 'Fran', role: 'facilitator', boardId: created.id })
      const entries = await ledgerOf(created.id, token!)
      expect(entries).toEqual([
        expect.objectContaining({
          action: 'created',
          recordId: 'page:page',
          participantId: participant.id,
        }),
      ])
      const client = await connect(created.id, token)
      expect(personOf(client, participant.id)).toMatchObject({ name: 'Fran' })
    })
  })

  describe('the ledger', () => {
    it('records create, words, arranged and delete from two clients, and its chain verifies', async () => {
      const boardId = await createBoard(server.url)
      const sam = await joinBoard(server.url, boardId, person('Sam'))
      const priya = await joinBoard(server.url, boardId, person('Priya', 'practitioner'))
      const a = await connect(boardId, sam.token)
      const b = await connect(boardId, priya.token)

      a.records.set('shape:n', noteRecord('shape:n', 'Long wait for a GP'))
      await waitFor(() => b.records.has('shape:n'))
      b.records.set('shape:n', noteRecord('shape:n', 'Long wait for a GP, months', { x: 0 }))
      // The words change has reached Sam, with its credit.
      await waitFor(
        () => (attributionOf(a, 'shape:n')?.wordsBy as unknown[] | undefined)?.length === 1,
      )
      b.records.set('shape:n', noteRecord('shape:n', 'Long wait for a GP, months', { x: 120 }))
      // Each edit starts from the last one, as people take turns (concurrent whole-record
      // writes would leave one of them out).
      await waitFor(() => (a.records.get('shape:n') as { x?: number } | undefined)?.x === 120)
      // Meta alone is bookkeeping, never recorded.
      a.records.set(
        'shape:n',
        noteRecord('shape:n', 'Long wait for a GP, months', { x: 120, meta: { tag: 'gap' } }),
      )
      await waitFor(
        () =>
          b.records.get('shape:n') &&
          (b.records.get('shape:n') as { meta: { tag?: string } }).meta.tag === 'gap',
      )
      a.records.delete('shape:n')
      await waitFor(() => !b.records.has('shape:n'))

      const entries = await waitFor(async () => {
        const all = await ledgerOf(boardId, sam.token!, 'shape:n')
        return all.length === 4 ? all : undefined
      })
      expect(entries.map((e) => [e.action, e.participantId, e.recordType])).toEqual([
        ['created', sam.participant.id, 'note'],
        ['words', priya.participant.id, 'note'],
        ['arranged', priya.participant.id, 'note'],
        ['deleted', sam.participant.id, 'note'],
      ])
      for (const entry of entries) {
        expect(entry.at).toBeGreaterThan(Date.now() - 60_000)
        expect(entry.writtenDownBy).toBeNull()
      }
      const whole = await ledgerOf(boardId, sam.token!)
      expect(verifyLedger(whole)).toMatchObject({ ok: true, entries: whole.length })
    })

    it('credits moving to nobody: the words stay with who wrote them', async () => {
      const boardId = await createBoard(server.url)
      const sam = await joinBoard(server.url, boardId, person('Sam'))
      const priya = await joinBoard(server.url, boardId, person('Priya', 'practitioner'))
      const a = await connect(boardId, sam.token)
      const b = await connect(boardId, priya.token)
      a.records.set('shape:m', noteRecord('shape:m', 'No interpreter'))
      await waitFor(() => attributionOf(b, 'shape:m'))
      for (let x = 1; x <= 5; x++)
        b.records.set('shape:m', noteRecord('shape:m', 'No interpreter', { x }))
      await waitFor(() => (a.records.get('shape:m') as { x?: number } | undefined)?.x === 5)
      // Five moves in a moment are one "arranged" entry: arranging is recorded at a readable rate.
      expect((await ledgerOf(boardId, sam.token!, 'shape:m')).map((entry) => entry.action)).toEqual(
        ['created', 'arranged'],
      )
      expect(attributionOf(a, 'shape:m')).toEqual({
        addedBy: sam.participant.id,
        addedAt: expect.any(Number),
        addedWrittenDownBy: null,
        wordsBy: [],
      })
    })

    it('makes verification fail when any stored entry is altered in the database', async () => {
      const boardId = await createBoard(server.url)
      const sam = await joinBoard(server.url, boardId, person('Sam'))
      const a = await connect(boardId, sam.token)
      for (let i = 0; i < 3; i++)
        a.records.set(`shape:t${i}`, noteRecord(`shape:t${i}`, `Idea ${i}`))
      await waitFor(async () => (await ledgerOf(boardId, sam.token!)).length === 3)
      expect(verifyLedger(await ledgerOf(boardId, sam.token!)).ok).toBe(true)

      await withServerDatabase(server, async (db) => {
        // The database refuses to rewrite history…
        await expect(
          db.query('UPDATE ledger SET participant_id = ? WHERE board_id = ? AND seq = 2', [
            'p_x',
            boardId,
          ]),
        ).rejects.toThrow(/append-only/)
        // …and someone who removes that guard is still caught by the chain.
        await db.query(
          db.kind === 'sqlite'
            ? 'DROP TRIGGER ledger_is_append_only_update'
            : 'DROP TRIGGER ledger_is_append_only ON ledger',
        )
        await db.query(
          "UPDATE ledger SET participant_id = 'p_mallory0000000000000' WHERE board_id = ? AND seq = 2",
          [boardId],
        )
      })
      const tampered = await ledgerOf(boardId, sam.token!)
      expect(verifyLedger(tampered)).toMatchObject({ ok: false, index: 1 })
    })

    it('credits edits made offline to the participant whose connection delivers them', async () => {
      const boardId = await createBoard(server.url)
      const sam = await joinBoard(server.url, boardId, person('Sam'))
      const priya = await joinBoard(server.url, boardId, person('Priya', 'practitioner'))
      const watcher = await connect(boardId, sam.token)
      // A device that was offline: its edits are in its own copy of the board, whoever made them.
      const offline = new Y.Doc()
      Y.applyUpdate(offline, Y.encodeStateAsUpdate(watcher.doc))
      const records = getRecordStore(offline)
      records.set(
        'shape:off',
        noteRecord('shape:off', 'Written on the bus', { meta: { createdBy: sam.participant.id } }),
      )
      // It comes back online as Priya's connection.
      const delivering = await connect(boardId, priya.token)
      Y.applyUpdate(delivering.doc, Y.encodeStateAsUpdate(offline))
      await waitFor(() => attributionOf(watcher, 'shape:off'))
      expect(attributionOf(watcher, 'shape:off')).toMatchObject({ addedBy: priya.participant.id })
      expect(await ledgerOf(boardId, sam.token!, 'shape:off')).toEqual([
        expect.objectContaining({ action: 'created', participantId: priya.participant.id }),
      ])
      offline.destroy()
    })
  })

  describe('forgery', () => {
    it('ignores a forged meta.createdBy: everyone is shown the ledger’s answer', async () => {
      const boardId = await createBoard(server.url)
      const sam = await joinBoard(server.url, boardId, person('Sam'))
      const mallory = await joinBoard(server.url, boardId, person('Mallory', 'manager'))
      const a = await connect(boardId, sam.token)
      const m = await connect(boardId, mallory.token)
      m.records.set(
        'shape:f',
        noteRecord('shape:f', 'Close the drop-in', { meta: { createdBy: sam.participant.id } }),
      )
      await waitFor(() => attributionOf(a, 'shape:f'))
      expect(attributionOf(a, 'shape:f')).toMatchObject({ addedBy: mallory.participant.id })
      // Rewriting meta later changes nothing either.
      a.records.set('shape:s', noteRecord('shape:s', 'Open evenings'))
      await waitFor(() => attributionOf(m, 'shape:s'))
      m.records.set(
        'shape:s',
        noteRecord('shape:s', 'Open evenings', { meta: { createdBy: mallory.participant.id } }),
      )
      await waitFor(
        () =>
          (a.records.get('shape:s') as { meta: { createdBy?: string } }).meta.createdBy ===
          mallory.participant.id,
      )
      expect(attributionOf(a, 'shape:s')).toMatchObject({
        addedBy: sam.participant.id,
        wordsBy: [],
      })
    })

    it('stores and relays no client write to what only the server decides, and shows everyone the truth', async () => {
      const boardId = await createBoard(server.url)
      const sam = await joinBoard(
        server.url,
        boardId,
        person('Sam Jones', 'lived-experience', { credit: 'not-named' }),
      )
      const mallory = await joinBoard(server.url, boardId, person('Mallory', 'manager'))
      const a = await connect(boardId, sam.token)
      const m = await connect(boardId, mallory.token)
      a.records.set('shape:x', noteRecord('shape:x', 'My words'))
      await waitFor(() => attributionOf(m, 'shape:x'))
      expect(JSON.stringify(a.state.toKept().states)).not.toMatch(/Jones|Sam/)

      // Everything another client's document held, from the moment Mallory's update arrived.
      const seen: string[] = []
      a.doc.on('afterTransaction', () => {
        for (const [name, type] of a.doc.share) {
          if (name !== 'records') seen.push(JSON.stringify(type.toJSON()))
        }
      })
      m.doc.transact(() => {
        m.doc.getMap('participants').set(sam.participant.id, { name: 'Sam Jones' })
        m.doc.getMap('attribution').set('shape:x', { addedBy: mallory.participant.id })
        m.doc.getMap('voiceBalance').set('current', { people: 99 })
        m.doc.getMap('meta').set('schema', { schemaVersion: 2, sequences: { x: 99 } })
        m.records.set('shape:y', noteRecord('shape:y', 'Also mine'))
      })
      // The forger is corrected; the other client gets the rest of the update.
      await waitFor(() => a.records.has('shape:y') && m.doc.getMap('participants').size === 0)
      expect(seen.join('')).not.toMatch(/Sam Jones|99/)
      expect(personOf(a, sam.participant.id)?.name).toBe('Someone not named')
      expect(attributionOf(a, 'shape:x')).toMatchObject({ addedBy: sam.participant.id })
      // And a fresh client, from what the server stored, sees no trace of it.
      const fresh = await connect(boardId, sam.token)
      for (const name of fresh.doc.share.keys()) {
        if (name !== 'records') expect(fresh.doc.getMap(name).toJSON(), name).toEqual({})
      }
      expect(JSON.stringify(fresh.state.toKept().states)).not.toMatch(/Sam Jones/)
      expect(attributionOf(fresh, 'shape:x')).toMatchObject({ addedBy: sam.participant.id })
      expect(fresh.records.has('shape:y')).toBe(true)
    })

    it('keeps tldraw’s user record to the credited name, whoever writes it', async () => {
      const boardId = await createBoard(server.url)
      const sam = await joinBoard(
        server.url,
        boardId,
        person('Sam Jones', 'lived-experience', { credit: 'role-only' }),
      )
      const mallory = await joinBoard(server.url, boardId, person('Mallory', 'manager'))
      const a = await connect(boardId, sam.token)
      const m = await connect(boardId, mallory.token)
      const userId = `user:${sam.participant.id}`
      m.records.set(userId, {
        id: userId,
        typeName: 'user',
        name: 'Sam Jones',
        color: '#000',
        imageUrl: '',
        meta: {},
      } as never)
      await waitFor(
        () =>
          (a.records.get(userId) as { name?: string } | undefined)?.name ===
          'Someone with lived experience',
      )
      await waitFor(
        () =>
          (m.records.get(userId) as { name?: string } | undefined)?.name ===
          'Someone with lived experience',
      )
    })
  })

  describe('credit under the contributor’s control', () => {
    it('shows a switch to role only to every client and in the API at once; nobody else can make it', async () => {
      const boardId = await createBoard(server.url)
      const sam = await joinBoard(server.url, boardId, person('Sam Jones'))
      const priya = await joinBoard(server.url, boardId, person('Priya', 'practitioner'))
      const a = await connect(boardId, sam.token)
      const b = await connect(boardId, priya.token)
      await waitFor(() => personOf(b, sam.participant.id)?.name === 'Sam Jones')

      const path = `/api/boards/${boardId}/participants/${sam.participant.id}`
      const refused = await api(path, priya.token!, {
        method: 'PATCH',
        body: JSON.stringify({ credit: 'full-name', name: 'Hacked' }),
      })
      expect(refused.status).toBe(403)
      expect((await api(path, priya.token!)).status).toBe(403)

      const changed = await api<{ participant: { credit: string } }>(path, sam.token!, {
        method: 'PATCH',
        body: JSON.stringify({ credit: 'role-only' }),
      })
      expect(changed.status).toBe(200)
      expect(changed.body.participant.credit).toBe('role-only')
      await waitFor(() => personOf(b, sam.participant.id)?.name === 'Someone with lived experience')
      expect(personOf(a, sam.participant.id)?.name).toBe('Someone with lived experience')
      const { body } = await api<ParticipantsResponse>(
        `/api/boards/${boardId}/participants`,
        priya.token!,
      )
      expect(body.participants.find((p) => p.id === sam.participant.id)).toMatchObject({
        name: 'Someone with lived experience',
        credit: 'role-only',
      })
      expect(JSON.stringify(body)).not.toMatch(/Sam|Jones|Hacked/)
      expect(JSON.stringify([...b.state.get('people')])).not.toMatch(/Sam|Jones|Hacked/)
    })
  })

  describe('adding on behalf of someone without a device', () => {
    it('credits what the scribe adds to that person, written down by the scribe', async () => {
      const boardId = await createBoard(server.url)
      const priya = await joinBoard(server.url, boardId, person('Priya', 'practitioner'))
      const jo = await joinBoard(server.url, boardId, person('Jo', 'carer'))
      const sam = await joinBoard(
        server.url,
        boardId,
        person('Sam', 'lived-experience', { withoutDevice: true }),
        priya.token,
      )
      expect(sam.token).toBeUndefined()
      expect(sam.participant).toMatchObject({ withoutDevice: true, addedBy: priya.participant.id })
      const scribe = await connect(boardId, priya.token)
      const watcher = await connect(boardId, jo.token)
      const replies: WritingForReply[] = []
      const writingFor = bindWritingFor(scribe.provider, (reply) => replies.push(reply))

      writingFor.set(jo.participant.id)
      await waitFor(() => replies.length === 1)
      expect(replies[0]).toEqual({ for: null, error: expect.stringMatching(/own device/) })

      writingFor.set(sam.participant.id)
      await waitFor(() => replies.length === 2)
      expect(replies[1]).toEqual({ for: sam.participant.id })
      scribe.records.set('shape:sam', noteRecord('shape:sam', 'The bus stops at 6'))
      await waitFor(() => attributionOf(watcher, 'shape:sam'))
      expect(attributionOf(watcher, 'shape:sam')).toMatchObject({
        addedBy: sam.participant.id,
        addedWrittenDownBy: priya.participant.id,
      })
      expect(await ledgerOf(boardId, jo.token!, 'shape:sam')).toEqual([
        expect.objectContaining({
          participantId: sam.participant.id,
          writtenDownBy: priya.participant.id,
        }),
      ])
      await waitFor(() => personOf(watcher, sam.participant.id)?.contributions === 1)
      expect(personOf(watcher, priya.participant.id)?.contributions).toBe(0)

      // Back to writing for herself.
      writingFor.set(null)
      await waitFor(() => replies.length === 3)
      scribe.records.set('shape:own', noteRecord('shape:own', 'Referral forms'))
      await waitFor(() => attributionOf(watcher, 'shape:own'))
      expect(attributionOf(watcher, 'shape:own')).toMatchObject({
        addedBy: priya.participant.id,
        addedWrittenDownBy: null,
      })
      writingFor.dispose()
    })
  })

  describe('voice balance', () => {
    it('matches the ledger for scripted contributions', async () => {
      const boardId = await createBoard(server.url)
      const joined = await Promise.all(
        [
          person('Ann'),
          person('Bo'),
          person('Cy'),
          person('Di'),
          person('Ed', 'practitioner'),
          person('Flo', 'practitioner'),
          person('Gus', 'practitioner'),
          person('Hal', 'manager'),
        ].map((p) => joinBoard(server.url, boardId, p)),
      )
      const script: [number, string][] = [
        [0, 'a'],
        [0, 'b'],
        [1, 'c'],
        [4, 'd'],
        [4, 'e'],
        [4, 'f'],
        [5, 'g'],
        [6, 'h'],
        [7, 'i'],
        [7, 'j'],
      ]
      const byPerson = await Promise.all(joined.map((j) => connect(boardId, j.token)))
      for (const [who, id] of script)
        byPerson[who]!.records.set(`shape:${id}`, noteRecord(`shape:${id}`, `Idea ${id}`))
      // Ann changes the words of one of Ed's: that credits her on it too.
      await waitFor(() => byPerson[0]!.records.has('shape:d'))
      byPerson[0]!.records.set('shape:d', noteRecord('shape:d', 'Idea d, with more'))
      const entries: readonly LedgerEntry[] = await waitFor(async () => {
        const all = await ledgerOf(boardId, joined[0]!.token!)
        return all.filter((e) => e.recordId.startsWith('shape:')).length === script.length + 1
          ? all
          : undefined
      })
      const fold = new AttributionFold()
      for (const entry of entries) fold.apply(entry)
      const expected = computeVoiceBalance(
        joined.map((j) => j.participant),
        fold.contributions(),
      )
      const watcher = byPerson[7]!
      await waitFor(() => {
        expect(watcher.state.get('voiceBalance').get(CURRENT_KEY)).toEqual(expected)
        return true
      })
      expect(expected.roles).toEqual([
        expect.objectContaining({
          role: 'lived-experience',
          shown: true,
          people: 4,
          contributions: 4,
        }),
        expect.objectContaining({ role: 'practitioner', shown: true, people: 3, contributions: 5 }),
        expect.objectContaining({
          role: 'manager',
          shown: false,
          people: null,
          contributions: null,
        }),
      ])
    })
  })
})
