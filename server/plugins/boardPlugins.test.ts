import type { SerializedSchema } from '@tldraw/store'
import { GeoShapeUtil, type TLGeoShape } from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { Capability } from '../../shared/capabilities'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordStore } from '../../shared/docLayout'
import type { LicenceChoice } from '../../shared/export/licences'
import type { ImportedAttribution } from '../../shared/importedAttribution'
import type { LedgerDraft } from '../../shared/ledger'
import { commonmapSchema } from '../../shared/schema'
import { CURRENT_KEY, NOTICES } from '../../shared/serverState'
import { shapeRecord } from '../../tests/helpers/mapRecords'
import { ProtocolClient, flushAll } from '../../tests/helpers/ProtocolClient'
import { participantId, storedParticipant } from '../../tests/helpers/participants'
import { noteRecord } from '../../tests/helpers/records'
import { createInitialBoardState } from '../initialBoardState'
import { silentLogger } from '../logger'
import { Room } from '../room/Room'
import type { StoredParticipant } from '../storage/BoardRepository'
import { MemoryStorage } from '../storage/MemoryStorage'
import { boardRoomSetup } from './boardPlugins'
import { ARRANGED_EVERY_MS } from './ledgerPlugin'

const BOARD = 'board-aaaaaaaaaaaaaaaaaa'
const SCHEMA = commonmapSchema.serialize()

const person = (name: string, changes: Partial<StoredParticipant> = {}) =>
  storedParticipant(name, BOARD, changes)
const priya = person('priya')
const sam = person('sam', { withoutDevice: true, addedBy: priya.id, tokenHash: null })

/** Everything stored: each append's update and ledger drafts, as the room made them. */
interface Appended {
  readonly update: Uint8Array
  readonly ledger: readonly LedgerDraft[]
  readonly schema?: SerializedSchema
}

/** A room with Commonmap's plug-ins over a board in memory, driven through in-memory sockets. */
describe('Commonmap’s room plug-ins', () => {
  const clients: ProtocolClient[] = []
  const rooms: Room[] = []
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
    for (const room of rooms.splice(0)) room.destroy()
  })

  /** The server's clock in these tests. */
  const clock = { now: 1000 }

  async function setup(
    participants: StoredParticipant[] = [priya, sam],
    {
      restore = true,
      licence,
      imported,
      initialState = createInitialBoardState(),
      schema = SCHEMA,
    }: {
      restore?: boolean
      licence?: LicenceChoice & { setBy: string; setAt: number }
      imported?: ReadonlyMap<string, ImportedAttribution>
      initialState?: Uint8Array
      schema?: SerializedSchema | null
    } = {},
  ) {
    const storage = new MemoryStorage()
    await storage.createBoard({
      info: { id: BOARD, title: 'Housing', createdAt: 0 },
      initialState,
      // null: a board saved before the server kept its schema (its document says).
      schema: schema as SerializedSchema,
      ...(imported && { imported }),
    })
    for (const participant of participants) await storage.addParticipant(participant)
    if (licence) await storage.setLicence(BOARD, licence)
    const stored = (await storage.load(BOARD))!
    const appended: Appended[] = []
    const room = new Room({
      boardId: BOARD,
      stored,
      ...boardRoomSetup({ repository: storage, logger: silentLogger, ledger: true })(BOARD, stored),
      append: (entry) => {
        appended.push({ ledger: [], ...entry })
        storage.append(BOARD, entry)
      },
      now: () => clock.now,
      logger: silentLogger,
      maxBufferedBytes: 1 << 22,
      maxAwarenessStateBytes: 1024,
    })
    rooms.push(room)
    if (restore) await room.restore()
    const client = (who: StoredParticipant | null) => {
      const c = new ProtocolClient()
      clients.push(c)
      return c.connect(
        room,
        who ? { participantId: who.id, capabilities: who.capabilities } : undefined,
      )
    }
    /** Every byte the room has stored, as text (to prove something never was). */
    const storedText = () => appended.map((a) => new TextDecoder().decode(a.update)).join('')
    return { room, storage, appended, client, storedText }
  }

  it('keeps a card removed after review off the board: on load, after the event, and against a copy put back', async () => {
    const { room, storage, client } = await setup([priya])
    const a = client(priya)
    flushAll([a])
    a.records.set('shape:n', noteRecord('shape:n', 'Names someone'))
    a.records.set('shape:m', noteRecord('shape:m', 'Stays'))
    flushAll([a])
    const step = (recordType: string): LedgerDraft => ({
      at: 1,
      participantId: priya.id,
      writtenDownBy: null,
      action: 'process',
      recordId: 'shape:n',
      recordType,
    })
    const card = { shapeId: 'shape:n', at: 1, by: priya.id, reason: null }
    await storage.changeHiddenCard(
      BOARD,
      'shape:n',
      () => ({ ...card, removedAt: null, removedBy: null }),
      step('card-hidden'),
    )
    room.handleBoardEvent({ type: 'hidden-changed' })
    await vi.waitFor(() => {
      flushAll([a])
      expect(a.serverState.get('hidden').get('shape:n')).toEqual({ at: 1, reason: null })
    })
    expect(a.records.has('shape:n')).toBe(true)

    await storage.changeHiddenCard(
      BOARD,
      'shape:n',
      () => ({ ...card, removedAt: 2, removedBy: priya.id }),
      step('card-removed'),
    )
    room.handleBoardEvent({ type: 'hidden-changed' })
    await vi.waitFor(() => {
      flushAll([a])
      expect(a.records.has('shape:n')).toBe(false)
    })
    expect(a.serverState.get('hidden').size).toBe(0)
    expect(a.records.has('shape:m')).toBe(true)
    // A copy put back (an undo, an offline device) is refused.
    a.records.set('shape:n', noteRecord('shape:n', 'Names someone'))
    flushAll([a])
    expect(a.records.has('shape:n')).toBe(false)
  })

  it('tells a client joining while it restores that it is synced only with the people there', async () => {
    const { room, client } = await setup([priya], { restore: false })
    const fran = client(priya)
    const peopleWhenSynced: unknown[] = []
    fran.syncListeners.push(() =>
      peopleWhenSynced.push(fran.serverState.get('people').get(priya.id)),
    )
    flushAll([fran])
    expect(fran.synced).toBe(false)
    await room.restore()
    flushAll([fran])
    expect(peopleWhenSynced).toEqual([
      expect.objectContaining({ name: 'priya', role: 'practitioner' }),
    ])
  })

  it('publishes everyone as credited, never a name they chose to keep private', async () => {
    const jo = person('jo', { name: 'Jo Private', credit: 'not-named' })
    const { client } = await setup([priya, jo])
    const a = client(priya)
    flushAll([a])
    expect(a.serverState.get('people').get(jo.id)).toMatchObject({
      name: 'Someone not named',
      role: null,
    })
    expect(JSON.stringify([...a.serverState.get('people')])).not.toContain('Private')
    expect(a.serverState.get('schema').get(CURRENT_KEY)).toEqual(SCHEMA)
    expect(a.serverState.you).toEqual({ participantId: priya.id, capabilities: ['view', 'edit'] })
  })

  it('refuses to write for someone with a device or not on the board, and says why', async () => {
    const { client } = await setup([priya, sam, person('jo')])
    const a = client(priya)
    a.writeFor(participantId('jo'))
    a.writeFor(participantId('nobody'))
    a.writeFor(sam.id)
    flushAll([a])
    expect(a.writingForReplies).toEqual([
      { for: null, error: 'That person has their own device, so they add things themselves.' },
      { for: null, error: 'That person is not on this board.' },
      { for: sam.id },
    ])
  })

  it('stores the ledger drafts of one frame with the one update it produced, and publishes the credit after', async () => {
    const { appended, client } = await setup()
    const a = client(priya)
    const b = client(priya)
    flushAll([a, b])
    appended.length = 0
    a.writeFor(sam.id)
    a.records.set('shape:n', noteRecord('shape:n', 'Bus at six'))
    flushAll([a, b])
    expect(appended).toHaveLength(1)
    expect(appended[0]!.ledger).toEqual([
      {
        at: 1000,
        participantId: sam.id,
        writtenDownBy: priya.id,
        action: 'created',
        recordId: 'shape:n',
        recordType: 'note',
      },
    ])
    for (const c of [a, b]) {
      expect(c.serverState.get('attribution').get('shape:n')).toMatchObject({
        addedBy: sam.id,
        addedWrittenDownBy: priya.id,
      })
      expect(c.serverState.get('contributions').get(sam.id)).toBe(1)
    }
    expect(b.serverState.get('voiceBalance').get(CURRENT_KEY)).toMatchObject({ contributions: 1 })
  })

  it('records arranging a shape at most once per person every few seconds, and words every time', async () => {
    clock.now = 1000
    const { appended, client } = await setup()
    const a = client(priya)
    flushAll([a])
    const move = (x: number, words = 'Bus at six') => {
      a.records.set('shape:n', noteRecord('shape:n', words, { x }))
      flushAll([a])
    }
    move(0)
    for (let x = 1; x <= 20; x++) move(x)
    clock.now += ARRANGED_EVERY_MS
    move(21)
    move(22, 'Bus at seven')
    const actions = appended.flatMap((entry) => entry.ledger).map((draft) => draft.action)
    expect(actions).toEqual(['created', 'arranged', 'arranged', 'words'])
  })

  it('publishes a participant who joins while the room is still restoring', async () => {
    const { room, storage, client } = await setup([priya], { restore: false })
    const late = person('late')
    await storage.addParticipant(late)
    room.handleBoardEvent({ type: 'participant-changed', participantId: late.id })
    await room.restore()
    await room.settled()
    const a = client(priya)
    flushAll([a])
    expect(a.serverState.get('people').get(late.id)).toMatchObject({ name: 'late' })
  })

  it('stores no write outside the records, and corrects the sender', async () => {
    const { appended, client, storedText } = await setup()
    const forger = client(priya)
    const other = client(priya)
    flushAll([forger, other])
    appended.length = 0
    forger.doc.transact(() => {
      forger.records.set('shape:x', noteRecord('shape:x', 'Hello'))
      forger.doc.getMap('participants').set(priya.id, { name: 'Forged private name' })
    })
    flushAll([forger, other])
    expect(appended.flatMap((a) => a.ledger).map((d) => d.recordId)).toEqual(['shape:x'])
    expect(storedText()).not.toContain('Forged')
    expect(other.doc.getMap('participants').toJSON(), 'relayed').toEqual({})
    expect(forger.doc.getMap('participants').toJSON(), 'corrected').toEqual({})
    expect(other.records.has('shape:x')).toBe(true)
  })

  it('turns away a connection no plug-in lets view the board', async () => {
    const { client } = await setup()
    const stranger = client(null)
    expect(stranger.pair?.closed?.code).toBe(CloseCode.NotAuthenticated)
  })

  it('refuses a record no client accepts: never stored or relayed, the sender corrected and told', async () => {
    const { appended, client, storedText } = await setup()
    const a = client(priya)
    const b = client(priya)
    flushAll([a, b])
    a.records.set('shape:good', noteRecord('shape:good', 'Kept'))
    a.records.set('shape:bad', {
      ...(noteRecord('shape:bad', 'Refused words') as object),
      props: 7,
    } as never)
    flushAll([a, b])
    expect(storedText()).not.toContain('Refused words')
    expect(b.records.has('shape:bad')).toBe(false)
    expect(a.records.has('shape:bad')).toBe(false)
    expect(a.records.has('shape:good')).toBe(true)
    expect(a.notices).toEqual([{ code: 'record-refused', ...NOTICES['record-refused'] }])
    expect(appended.flatMap((x) => x.ledger).map((d) => d.recordId)).toEqual(['shape:good'])
  })

  it('never stores or relays a forged schema, and the board still loads', async () => {
    const { client, storedText } = await setup()
    const a = client(priya)
    const b = client(priya)
    flushAll([a, b])
    a.doc.getMap('meta').set('schema', { schemaVersion: 2, sequences: { 'com.tldraw.shape': 99 } })
    a.records.set('shape:n', noteRecord('shape:n', 'Still here'))
    flushAll([a, b])
    expect(storedText()).not.toContain('"sequences"')
    expect(b.doc.getMap('meta').size).toBe(0)
    const fresh = client(priya)
    flushAll([fresh])
    expect(fresh.records.has('shape:n')).toBe(true)
    expect(fresh.serverState.get('schema').get(CURRENT_KEY)).toEqual(SCHEMA)
  })

  it('keeps tldraw’s name for a person to the one they are credited by', async () => {
    const jo = person('jo', { name: 'Jo Private', credit: 'not-named' })
    const { client, storedText } = await setup([priya, jo])
    const a = client(jo)
    flushAll([a])
    const user = {
      id: `user:${jo.id}`,
      typeName: 'user',
      name: 'Jo Private',
      color: '#000',
      imageUrl: '',
      meta: {},
    }
    a.records.set(user.id, user as never)
    flushAll([a])
    expect(storedText()).not.toContain('Private')
    expect(a.records.get(user.id)).toMatchObject({ name: 'Someone not named' })
  })

  it('lets a connection that may only view change nothing: 1,000 writes, none stored or relayed', async () => {
    const watcher = person('watcher', { capabilities: ['view'] as Capability[] })
    const { appended, client } = await setup([priya, watcher])
    const w = client(watcher)
    const p = client(priya)
    flushAll([w, p])
    appended.length = 0
    const relayedBefore = p.records.map.size
    for (let i = 0; i < 1000; i++) {
      w.records.set(`shape:w${i}`, noteRecord(`shape:w${i}`, 'Not kept'))
      flushAll([w, p])
      if (w.pair?.closed) break
    }
    expect(appended).toEqual([])
    expect(p.records.map.size).toBe(relayedBefore)
    expect(w.notices).toEqual([{ code: 'view-only', ...NOTICES['view-only'] }])
    expect(w.pair?.closed?.code).toBe(CloseCode.ViewOnly)
    expect(w.serverState.you?.capabilities).toEqual(['view'])
  })

  it('publishes where imported shapes came from', async () => {
    const fromLeeds: ImportedAttribution = {
      from: 'Housing in Leeds',
      exportedAt: 500,
      importedAt: 900,
      author: { name: 'Sam', role: 'Lived experience', addedAt: 100 },
    }
    const { client } = await setup([priya], { imported: new Map([['shape:n', fromLeeds]]) })
    const a = client(priya)
    flushAll([a])
    expect(Object.fromEntries(a.serverState.get('imported'))).toEqual({ 'shape:n': fromLeeds })
  })

  describe('the board’s licence', () => {
    const chosen = { id: 'cc0-1.0' as const, setBy: priya.id, setAt: 500 }

    it('publishes the stored choice, and nothing when nobody chose', async () => {
      const chose = client(await setup([priya], { licence: chosen }))
      expect(chose.serverState.get('licence').get(CURRENT_KEY)).toEqual(chosen)
      expect(client(await setup([priya])).serverState.get('licence').size).toBe(0)
    })

    it('publishes a new choice to every client, even one made while restoring', async () => {
      const { room, storage, client: connect } = await setup([priya], { restore: false })
      await storage.setLicence(BOARD, chosen)
      room.handleBoardEvent({ type: 'licence-changed' })
      await room.restore()
      await room.settled()
      const a = connect(priya)
      flushAll([a])
      expect(a.serverState.get('licence').get(CURRENT_KEY)).toEqual(chosen)
      const next = { id: 'all-rights-reserved' as const, setBy: priya.id, setAt: 600 }
      await storage.setLicence(BOARD, next)
      room.handleBoardEvent({ type: 'licence-changed' })
      await room.settled()
      flushAll([a])
      expect(a.serverState.get('licence').get(CURRENT_KEY)).toEqual(next)
    })

    function client(board: Awaited<ReturnType<typeof setup>>) {
      const c = board.client(priya)
      flushAll([c])
      return c
    }
  })

  describe('a board saved before server-owned state left the document', () => {
    /** A board as the previous version stored it: its schema and server-owned roots inside. */
    function legacyBoard() {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, createInitialBoardState())
      const geo = shapeRecord<TLGeoShape>('geo', 'old', GeoShapeUtil.prototype.getDefaultProps())
      const { richText: _r, flipX: _x, flipY: _y, ...props } = geo.props
      const old = { ...geo, props: { ...props, text: 'An older card' } }
      const schema = { ...SCHEMA, sequences: { ...SCHEMA.sequences, 'com.tldraw.shape.geo': 9 } }
      doc.transact(() => {
        getRecordStore(doc).set(old.id, old as never)
        doc.getMap('meta').set('schema', schema)
        doc.getMap('participants').set(priya.id, { id: priya.id, name: 'priya', contributions: 1 })
        doc.getMap('attribution').set(old.id, { addedBy: priya.id })
        doc.getMap('settings').set('licence', { id: 'cc0-1.0' })
      })
      return { state: Y.encodeStateAsUpdate(doc), old }
    }

    it('moves over on its first load, in one append: records migrated, roots gone, schema stored, credits kept', async () => {
      const { state, old } = legacyBoard()
      const { room, appended, storage, client } = await setup([priya], {
        initialState: state,
        schema: null,
        restore: false,
      })
      // The ledger, untouched by the move, is what credits come from.
      storage.append(BOARD, {
        update: new Uint8Array([0, 0]),
        ledger: [
          {
            at: 1,
            participantId: priya.id,
            writtenDownBy: null,
            action: 'created',
            recordId: old.id,
            recordType: 'geo',
          },
        ],
      })
      await room.restore()
      expect(appended).toHaveLength(1)
      expect(appended[0]!.schema).toEqual(SCHEMA)
      const a = client(priya)
      flushAll([a])
      const roots = [...a.doc.share.keys()].filter((name) => name !== 'records')
      expect(roots.filter((name) => a.doc.getMap(name).size > 0)).toEqual([])
      expect(a.records.get(old.id)).toMatchObject({ props: { flipX: false } })
      expect(a.serverState.get('attribution').get(old.id)).toMatchObject({ addedBy: priya.id })
      expect((await storage.load(BOARD))?.schema).toEqual(SCHEMA)
    })
  })
})
