import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreditSource } from '../../shared/credit'
import {
  SettingsKey,
  getAttributionMap,
  getImportedMap,
  getParticipantsMap,
  getSettingsMap,
} from '../../shared/docLayout'
import type { LicenceChoice } from '../../shared/export/licences'
import type { ImportedAttribution } from '../../shared/importedAttribution'
import type { LedgerDraft } from '../../shared/ledger'
import { ProtocolClient, flushAll } from '../../tests/helpers/ProtocolClient'
import { participantId } from '../../tests/helpers/participants'
import { noteRecord } from '../../tests/helpers/records'
import { silentLogger } from '../logger'
import { Room } from './Room'

const person = (name: string, more: Partial<CreditSource> = {}): CreditSource => ({
  id: participantId(name),
  name,
  role: 'practitioner',
  credit: 'full-name',
  color: '#000',
  ...more,
})
const priya = person('priya')
const sam = person('sam', { withoutDevice: true, addedBy: priya.id })

/** A room with an authority, driven through in-memory sockets the test flushes. */
describe('Room with an authority', () => {
  const clients: ProtocolClient[] = []
  const rooms: Room[] = []
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
    for (const room of rooms.splice(0)) room.destroy()
  })

  function setup(
    participants: CreditSource[] = [priya, sam],
    {
      restore = true,
      licence,
      imported = new Map(),
      snapshot = Y.encodeStateAsUpdate(new Y.Doc()),
    }: {
      snapshot?: Uint8Array
      restore?: boolean
      licence?: LicenceChoice
      imported?: ReadonlyMap<string, ImportedAttribution>
    } = {},
  ) {
    const stored: { update: Uint8Array; drafts: readonly LedgerDraft[] }[] = []
    const room = new Room({
      boardId: 'board',
      stored: { snapshot, updates: [] },
      persistUpdate: (update, drafts) => stored.push({ update, drafts }),
      authority: () => ({
        participants,
        history: [],
        ledger: true,
        imported,
        ...(licence && { licence }),
      }),
      now: () => 1000,
      logger: silentLogger,
      maxBufferedBytes: 1024 * 1024,
      maxAwarenessStateBytes: 1024,
    })
    rooms.push(room)
    if (restore) room.restore()
    const client = (id: string) => {
      const c = new ProtocolClient()
      clients.push(c)
      return c.connect(room, { participantId: id })
    }
    return { room, stored, client }
  }

  it('tells a client joining while it restores that it is synced only once the people it publishes are there', () => {
    const { room, client } = setup([priya], { restore: false })
    const fran = client(priya.id)
    const peopleWhenSynced: unknown[] = []
    fran.syncListeners.push(() => peopleWhenSynced.push(getParticipantsMap(fran.doc).toJSON()))
    flushAll([fran])
    expect(fran.synced).toBe(false)
    room.restore()
    flushAll([fran])
    expect(peopleWhenSynced).toEqual([{ [priya.id]: expect.objectContaining({ name: 'priya' }) }])
  })

  it('publishes everyone as credited when it opens, and stores that', () => {
    const { room, stored } = setup()
    expect(getParticipantsMap(room.doc).get(priya.id)).toMatchObject({
      name: 'priya',
      contributions: 0,
    })
    expect(stored).toHaveLength(1)
    expect(stored[0]!.drafts).toEqual([])
  })

  it('replaces what clients wrote about themselves before the server owned the participants root', () => {
    const old = new Y.Doc()
    getParticipantsMap(old).set(priya.id, {
      id: priya.id,
      name: 'Priya Shah',
      role: 'practitioner',
    })
    getParticipantsMap(old).set('p_gone00000000000000000', {
      id: 'p_gone00000000000000000',
      name: 'Gone',
    })
    const { room } = setup([priya], { snapshot: Y.encodeStateAsUpdate(old) })
    expect(getParticipantsMap(room.doc).toJSON()).toEqual({
      [priya.id]: expect.objectContaining({ name: 'priya', contributions: 0 }),
    })
  })

  it('refuses to write for someone with a device or not on the board, and says why', () => {
    const { client } = setup([priya, sam, person('jo')])
    const a = client(priya.id)
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

  it('stores the ledger drafts of one frame with the one update it produced', () => {
    const { stored, client } = setup()
    const a = client(priya.id)
    flushAll([a])
    const earlier = stored.splice(0)
    a.writeFor(sam.id)
    a.records.set('shape:n', noteRecord('shape:n', 'Bus at six'))
    flushAll([a])
    // The client's update and the server's attribution, merged: one row.
    expect(stored).toHaveLength(1)
    expect(stored[0]!.drafts).toEqual([
      {
        at: 1000,
        participantId: sam.id,
        writtenDownBy: priya.id,
        action: 'created',
        recordId: 'shape:n',
        recordType: 'note',
      },
    ])
    const check = new Y.Doc()
    for (const { update } of [...earlier, ...stored]) Y.applyUpdate(check, update)
    expect(getAttributionMap(check).get('shape:n')).toMatchObject({
      addedBy: sam.id,
      addedWrittenDownBy: priya.id,
    })
    expect(getAttributionMap(a.doc).get('shape:n')).toMatchObject({ addedBy: sam.id })
  })

  it('publishes a participant who joins while the room is still restoring', () => {
    const { room } = setup([priya], { restore: false })
    room.upsertParticipant(person('late'))
    room.restore()
    expect(getParticipantsMap(room.doc).get(participantId('late'))).toMatchObject({ name: 'late' })
  })

  it('records nothing for a connection it does not know, but still corrects its forgeries', () => {
    const { room, stored } = setup()
    const stranger = new ProtocolClient()
    clients.push(stranger)
    stranger.connect(room)
    flushAll([stranger])
    stored.length = 0
    stranger.doc.transact(() => {
      stranger.records.set('shape:x', noteRecord('shape:x', 'Hello'))
      getParticipantsMap(stranger.doc).set(priya.id, { name: 'Forged' })
    })
    flushAll([stranger])
    expect(stored.flatMap((s) => s.drafts)).toEqual([])
    expect(getParticipantsMap(stranger.doc).get(priya.id)).toMatchObject({ name: 'priya' })
  })

  it('publishes where imported shapes came from, and writes back any change a client makes', () => {
    const fromLeeds: ImportedAttribution = {
      from: 'Housing in Leeds',
      exportedAt: 500,
      importedAt: 900,
      author: { name: 'Sam', role: 'Lived experience', addedAt: 100 },
    }
    const { room, client } = setup([priya], { imported: new Map([['shape:n', fromLeeds]]) })
    expect(getImportedMap(room.doc).get('shape:n')).toEqual(fromLeeds)
    const forger = client(priya.id)
    flushAll([forger])
    forger.doc.transact(() => {
      getImportedMap(forger.doc).set('shape:n', { ...fromLeeds, author: { name: 'Priya' } })
      getImportedMap(forger.doc).set('shape:other', fromLeeds)
    })
    flushAll([forger])
    expect(getImportedMap(room.doc).toJSON()).toEqual({ 'shape:n': fromLeeds })
    expect(getImportedMap(forger.doc).toJSON()).toEqual({ 'shape:n': fromLeeds })
  })

  describe('the board’s licence', () => {
    const chosen: LicenceChoice = { id: 'cc0-1.0', setBy: priya.id, setAt: 500 }
    const licenceIn = (doc: Y.Doc) => getSettingsMap(doc).get(SettingsKey.licence)

    it('publishes the stored choice when it opens, and nothing when nobody chose', () => {
      expect(licenceIn(setup([priya], { licence: chosen }).room.doc)).toEqual(chosen)
      expect(getSettingsMap(setup([priya]).room.doc).size).toBe(0)
    })

    it('publishes a new choice to every client, even one made while restoring', () => {
      const { room, client } = setup([priya], { restore: false })
      room.setLicence(chosen)
      room.restore()
      const a = client(priya.id)
      flushAll([a])
      expect(licenceIn(a.doc)).toEqual(chosen)
      const next: LicenceChoice = { id: 'all-rights-reserved', setBy: priya.id, setAt: 600 }
      room.setLicence(next)
      flushAll([a])
      expect(licenceIn(a.doc)).toEqual(next)
    })

    it('writes the truth back over a client’s forged settings', () => {
      const { room, client } = setup([priya], { licence: chosen })
      const a = client(priya.id)
      const b = client(priya.id)
      flushAll([a, b])
      getSettingsMap(a.doc).set(SettingsKey.licence, { id: 'cc-by-4.0', setBy: null, setAt: 1 })
      getSettingsMap(a.doc).set('theme', 'dark')
      flushAll([a, b])
      for (const doc of [room.doc, a.doc, b.doc]) {
        expect(licenceIn(doc)).toEqual(chosen)
        expect(getSettingsMap(doc).has('theme')).toBe(false)
      }
    })
  })
})
