import pg from 'pg'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../../deploy/cluster/throwawayPostgres'
import { getRecordStore } from '../../../shared/docLayout'
import { verifyLedger, type LedgerDraft } from '../../../shared/ledger'
import { areaRecordId, personRecordId, processDraft } from '../../../shared/processSteps'
import { commonmapSchema } from '../../../shared/schema'
import { describeWhenInstalled } from '../../../tests/helpers/describeWhenInstalled'
import { waitFor } from '../../../tests/helpers/waitFor'
import type { BoardEvent } from '../../room/BoardEvent'
import type { LeaseEnd } from '../BoardOwnership'
import type { StoredParticipant } from '../BoardRepository'
import { TurnBatchedLog } from '../TurnBatchedLog'
import { BoardMovedError, isBatchAppender, type StoredDocument } from '../UpdateLog'
import { openPostgresStorage, type PostgresStorage } from './openPostgresStorage'

const SCHEMA = commonmapSchema.serialize()
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

let boardCount = 0
/** A new board id (22 characters, as the API makes them). */
const newBoardId = () => `board${String(++boardCount).padStart(17, '0')}`

function rebuild(stored: StoredDocument | undefined): Record<string, unknown> {
  if (!stored) throw new Error('board missing')
  const doc = new Y.Doc()
  Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return Object.fromEntries([...getRecordStore(doc).map].map(([key, entry]) => [key, entry.val]))
}

/** A writer whose every edit is one V1 update. */
function createWriter() {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const records = getRecordStore(doc)
  return {
    initial: Y.encodeStateAsUpdate(doc),
    updates,
    move: (id: string, x: number) => records.set(id, { id, x } as never),
  }
}

const draft = (recordId: string, participantId: string): LedgerDraft => ({
  at: 1,
  participantId,
  writtenDownBy: null,
  action: 'created',
  recordId,
  recordType: 'shape',
})

const person = (boardId: string, id: string): StoredParticipant => ({
  id,
  boardId,
  name: 'Sam',
  role: 'lived-experience',
  roleOther: null,
  credit: 'first-name',
  pseudonym: null,
  color: '#d1495b',
  withoutDevice: false,
  addedBy: null,
  createdAt: 5,
  tokenHash: new Uint8Array(32).fill(7),
  capabilities: ['view', 'edit'],
})

describeWhenInstalled(['postgresql'], 'openPostgresStorage', () => {
  let postgres: ThrowawayPostgres
  const opened: PostgresStorage[] = []
  beforeAll(async () => {
    postgres = await startThrowawayPostgres({ withoutFsync: true })
  })
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()))
  })
  afterAll(async () => {
    await postgres?.stop()
  })

  const open = async (leaseMs = 3000) => {
    const storage = await openPostgresStorage({ url: postgres.url, leaseMs })
    opened.push(storage)
    return storage
  }
  const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: postgres.url })
    await client.connect()
    try {
      return (await client.query<T>(text, values)).rows
    } finally {
      await client.end()
    }
  }
  const createBoard = async (storage: PostgresStorage, initial: Uint8Array) => {
    const id = newBoardId()
    await storage.repository.createBoard({
      info: { id, title: 'Housing', createdAt: 1 },
      initialState: initial,
      schema: SCHEMA,
    })
    return id
  }

  it('appends under a lease, in order, and loads the same document in another process', async () => {
    const a = await open()
    const writer = createWriter()
    const boardId = await createBoard(a, writer.initial)
    const lease = await a.ownership.acquire(boardId)
    expect(lease?.fence).toBe(1)
    for (let i = 0; i < 20; i++) writer.move(`shape:${i % 3}`, i)
    // Handed over all at once, as a busy room does: they are stored in call order.
    await Promise.all(
      writer.updates.map((update) => a.log.append(boardId, { update, fence: lease!.fence })),
    )
    const b = await open()
    expect(rebuild(await b.log.load(boardId))).toEqual({
      'shape:0': { id: 'shape:0', x: 18 },
      'shape:1': { id: 'shape:1', x: 19 },
      'shape:2': { id: 'shape:2', x: 17 },
    })
    expect(await b.log.load(newBoardId())).toBeUndefined()
  })

  it('stores the appends of one turn, from several boards, in one transaction, each in order', async () => {
    const storage = await open()
    if (!isBatchAppender(storage.log)) throw new Error('the PostgreSQL log appends in batches')
    const batched = new TurnBatchedLog(storage.log)
    const writers = [createWriter(), createWriter()]
    const boards = [
      await createBoard(storage, writers[0]!.initial),
      await createBoard(storage, writers[1]!.initial),
    ]
    const fences = [
      (await storage.ownership.acquire(boards[0]!))!.fence,
      (await storage.ownership.acquire(boards[1]!))!.fence,
    ]
    for (let i = 0; i < 6; i++) writers[i % 2]!.move(`shape:${i % 2}`, i)
    await Promise.all(
      [0, 1, 2].flatMap((n) =>
        [0, 1].map((b) =>
          batched.append(boards[b]!, { update: writers[b]!.updates[n]!, fence: fences[b]! }),
        ),
      ),
    )
    // xmin is the transaction that wrote a row: one for all six.
    const transactions = await sql(
      'SELECT DISTINCT xmin::text FROM updates WHERE board_id = ANY($1)',
      [boards],
    )
    expect(transactions).toHaveLength(1)
    expect(rebuild(await storage.log.load(boards[0]!))).toEqual({
      'shape:0': { id: 'shape:0', x: 4 },
    })
    expect(rebuild(await storage.log.load(boards[1]!))).toEqual({
      'shape:1': { id: 'shape:1', x: 5 },
    })
  })

  it('compacts the log into the snapshot, keeping the same document', async () => {
    const storage = await open()
    const writer = createWriter()
    const boardId = await createBoard(storage, writer.initial)
    const { fence } = (await storage.ownership.acquire(boardId))!
    for (let i = 0; i < 10; i++) writer.move('shape:a', i)
    for (const update of writer.updates) await storage.log.append(boardId, { update, fence })
    const before = rebuild(await storage.log.load(boardId))
    expect(await storage.log.compact(boardId)).toEqual({ compactedUpdates: 10 })
    const after = await storage.log.load(boardId)
    expect(after?.updates).toHaveLength(0)
    expect(rebuild(after)).toEqual(before)
  })

  it('seals the ledger onto one chain, which the database keeps append-only and unforked', async () => {
    const storage = await open()
    const boardId = await createBoard(storage, createWriter().initial)
    await storage.repository.addParticipant(person(boardId, 'p_sam000000000000000000'))
    const { fence } = (await storage.ownership.acquire(boardId))!
    const writer = createWriter()
    writer.move('shape:a', 1)
    writer.move('shape:b', 2)
    await Promise.all([
      storage.log.append(boardId, {
        update: writer.updates[0]!,
        ledger: [draft('shape:a', 'p_sam000000000000000000')],
        fence,
      }),
      storage.log.append(boardId, {
        update: writer.updates[1]!,
        ledger: [draft('shape:b', 'p_sam000000000000000000')],
        fence,
      }),
    ])
    const ledger = await storage.repository.readLedger(boardId)
    expect(ledger.map((e) => [e.seq, e.recordId])).toEqual([
      [1, 'shape:a'],
      [2, 'shape:b'],
    ])
    expect(verifyLedger(ledger).ok).toBe(true)
    // What an export reads: the same entries as drafts, in order, built by the database.
    expect(JSON.parse(await storage.repository.readAuthorshipJson(boardId))).toEqual([
      draft('shape:a', 'p_sam000000000000000000'),
      draft('shape:b', 'p_sam000000000000000000'),
    ])
    expect(await storage.repository.readAuthorshipJson('b_unknown')).toBe('[]')
    await expect(sql('UPDATE ledger SET participant_id = $1', ['p_x'])).rejects.toThrow(
      /append-only/,
    )
    await expect(sql('DELETE FROM ledger WHERE board_id = $1', [boardId])).rejects.toThrow(
      /append-only/,
    )
    await expect(sql('TRUNCATE ledger CASCADE')).rejects.toThrow(/append-only/)
    // A second entry 2, or an entry 3 that does not link to entry 2: both refused.
    const forged = (seq: number, prevHash: string) =>
      sql(
        `INSERT INTO ledger (board_id, seq, at, participant_id, action, record_id, record_type,
          prev_hash, hash) VALUES ($1, $2, 1, 'p', 'created', 'shape:x', 'shape', $3, $4)`,
        [boardId, seq, prevHash, 'f'.repeat(64)],
      )
    await expect(forged(2, ledger[0]!.hash)).rejects.toThrow(/duplicate key/)
    await expect(forged(3, 'e'.repeat(64))).rejects.toThrow(/does not follow/)
    await expect(forged(4, ledger[1]!.hash)).rejects.toThrow(/does not follow/)
  })

  it('refuses, in the database, the appends of a process whose board was taken over', async () => {
    const a = await open()
    const b = await open()
    const writer = createWriter()
    const boardId = await createBoard(a, writer.initial)
    const first = (await a.ownership.acquire(boardId))!
    const ends: LeaseEnd[] = []
    first.onEnd((end) => ends.push(end))
    // b asks for the board; a hands it over (here: releases it), and b takes it.
    const taking = b.ownership.acquire(boardId)
    await waitFor(() => ends.length === 1, { what: 'the handover request' })
    expect(ends).toEqual(['handover'])
    await first.release()
    const second = (await taking)!
    expect(second.fence).toBe(first.fence + 1)

    writer.move('shape:a', 1)
    await expect(
      a.log.append(boardId, { update: writer.updates[0]!, fence: first.fence }),
    ).rejects.toBeInstanceOf(BoardMovedError)
    // Once refused, a's later appends to the board fail too, until it loads it again.
    writer.move('shape:a', 2)
    await expect(
      a.log.append(boardId, { update: writer.updates[1]!, fence: second.fence }),
    ).rejects.toBeInstanceOf(BoardMovedError)
    await b.log.append(boardId, { update: writer.updates[0]!, fence: second.fence })
    expect(await sql('SELECT fence::int FROM updates WHERE board_id = $1', [boardId])).toEqual([
      { fence: 2 },
    ])
  })

  it('hands a board to the process that asked, even when the giver is asked for it again at once', async () => {
    const a = await open()
    const b = await open()
    const boardId = await createBoard(a, createWriter().initial)
    const first = (await a.ownership.acquire(boardId))!
    let handedOver = false
    first.onEnd(() => {
      handedOver = true
      void first.release()
    })
    const bTakes = b.ownership.acquire(boardId)
    // a hands the board over; its own people reconnect to it straight away and ask for it there.
    await waitFor(() => handedOver, { what: 'a to hand the board over' })
    const aTakesBack = a.ownership.acquire(boardId)
    const second = (await bTakes)!
    expect(second.fence).toBe(first.fence + 1)
    second.onEnd(() => void second.release())
    // Only then is it handed back (after b has held it for a moment), not taken from b unasked.
    expect((await aTakesBack)!.fence).toBe(first.fence + 2)
  })

  it('takes the boards of a process that is gone at once, without waiting for its lease to end', async () => {
    const a = await open(1500)
    const b = await open(1500)
    const boardId = await createBoard(a, createWriter().initial)
    const other = await createBoard(a, createWriter().initial)
    await a.ownership.acquire(boardId)
    await a.ownership.acquire(other)
    // a's database sessions end (as when its process is killed): its liveness lock is free.
    const started = performance.now()
    await sql(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE pid <> pg_backend_pid() AND datname = 'commonmap'
        AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
          AND objid::bigint + (classid::bigint << 32) = (SELECT owner_lock FROM board_owners WHERE board_id = $1))`,
      [boardId],
    )
    expect((await b.ownership.acquire(boardId))?.fence).toBe(2)
    expect(performance.now() - started).toBeLessThan(1500)
  })

  it('keeps participants, licences, imported shapes and pictures', async () => {
    const storage = await open()
    const boardId = await createBoard(storage, createWriter().initial)
    const sam = person(boardId, 'p_sam000000000000000001')
    await storage.repository.addParticipant(sam)
    await storage.repository.addParticipant({
      ...person(boardId, 'p_kim000000000000000001'),
      tokenHash: null,
      withoutDevice: true,
      addedBy: sam.id,
    })
    await storage.repository.updateParticipant({ ...sam, name: 'Sam Jones' })
    expect((await storage.repository.listParticipants(boardId)).map((p) => p.name)).toEqual([
      'Sam Jones',
      'Sam',
    ])
    expect(await storage.repository.getParticipant(sam.id)).toMatchObject({
      tokenHash: Buffer.from(sam.tokenHash!),
      capabilities: ['view', 'edit'],
    })
    await storage.repository.setLicence(boardId, { id: 'cc0-1.0', setBy: sam.id, setAt: 9 })
    expect(await storage.repository.getLicence(boardId)).toEqual({
      id: 'cc0-1.0',
      setBy: sam.id,
      setAt: 9,
    })

    const name = await storage.assets.save(boardId, PNG, 'image/png')
    expect(await storage.assets.save(boardId, PNG, 'image/png')).toBe(name)
    const found = await storage.assets.find(boardId, name)
    expect(found).toMatchObject({ type: 'image/png', size: PNG.byteLength })
    const chunks: Buffer[] = []
    for await (const chunk of found!.open()) chunks.push(chunk as Buffer)
    expect(new Uint8Array(Buffer.concat(chunks))).toEqual(PNG)
    expect(await storage.assets.find(boardId, '../x.png')).toBeUndefined()
    await storage.assets.removeBoard(boardId)
    expect(await storage.assets.find(boardId, name)).toBeUndefined()
  })

  it('keeps a facilitator when two processes take it from each other at once, on the same chain as the room', async () => {
    const a = await open()
    const b = await open()
    const writer = createWriter()
    const boardId = await createBoard(a, writer.initial)
    const facilitator = (id: string): StoredParticipant => ({
      ...person(boardId, id),
      capabilities: ['view', 'edit', 'facilitate'],
    })
    const alex = facilitator('p_alex000000000000000002')
    const sam = facilitator('p_sam0000000000000000002')
    await a.repository.addParticipant(alex)
    await a.repository.addParticipant(sam)
    const { fence } = (await a.ownership.acquire(boardId))!
    // The room's log now keeps the chain's end: the steps below move it from outside the room.
    await a.log.load(boardId)
    for (let round = 0; round < 5; round++) {
      const outcomes = await Promise.all([
        a.repository.setFacilitating(
          alex.id,
          false,
          processDraft('facilitate-taken', sam.id, personRecordId(alex.id), 1),
        ),
        b.repository.setFacilitating(
          sam.id,
          false,
          processDraft('facilitate-taken', alex.id, personRecordId(sam.id), 1),
        ),
      ])
      expect(outcomes.sort()).toEqual(['changed', 'last-facilitator'])
      const left = (await a.repository.listParticipants(boardId)).filter((p) =>
        p.capabilities.includes('facilitate'),
      )
      expect(left).toHaveLength(1)
      const other = left[0]!.id === alex.id ? sam : alex
      expect(
        await b.repository.setFacilitating(
          other.id,
          true,
          processDraft('facilitate-given', left[0]!.id, personRecordId(other.id), 1),
        ),
      ).toBe('changed')
    }
    const moved = await Promise.all(
      ['purpose', 'agreement'].map((area, i) =>
        (i === 0 ? a : b).repository.changeSession(
          boardId,
          (session) => ({ ...session, stage: { area, at: session.stage ? 2 : 1, by: alex.id } }),
          processDraft('stage-moved', alex.id, areaRecordId(area), 1),
        ),
      ),
    )
    // Whichever went second saw the first's stage.
    expect(moved.map((session) => session.stage?.at).sort()).toEqual([1, 2])
    expect(await b.repository.getSession(boardId)).toEqual(moved.find((s) => s.stage?.at === 2))
    writer.move('shape:a', 1)
    await a.log.append(boardId, {
      update: writer.updates[0]!,
      ledger: [draft('shape:a', sam.id)],
      fence,
    })
    const ledger = await a.repository.readLedger(boardId)
    expect(ledger).toHaveLength(5 * 2 + 2 + 1)
    expect(ledger.at(-1)?.recordId).toBe('shape:a')
    expect(verifyLedger(ledger).ok).toBe(true)
  })

  it('carries board events to the other processes, not back to the sender', async () => {
    const a = await open()
    const b = await open()
    const heardByA: BoardEvent[] = []
    const heardByB: [string, BoardEvent][] = []
    a.events.subscribe((_boardId, event) => heardByA.push(event))
    b.events.subscribe((boardId, event) => heardByB.push([boardId, event]))
    a.events.publish('board-x', { type: 'licence-changed' })
    await waitFor(() => heardByB.length === 1, { what: 'the event to reach b' })
    expect(heardByB).toEqual([['board-x', { type: 'licence-changed' }]])
    expect(heardByA).toEqual([])
    // Nonsense on the channel is ignored.
    await sql(`SELECT pg_notify('commonmap_board_events', 'not json')`)
    await sql(`SELECT pg_notify('commonmap_board_events', '{"boardId":"x","event":{"type":"x"}}')`)
    a.events.publish('board-y', { type: 'participant-changed', participantId: 'p_1' })
    await waitFor(() => heardByB.length === 2)
    expect(heardByB[1]).toEqual(['board-y', { type: 'participant-changed', participantId: 'p_1' }])
  })
})
