import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordStore } from '../../shared/docLayout'
import { waitFor } from '../../tests/helpers/waitFor'
import { mkdirSync } from 'node:fs'
import type { LedgerDraft } from '../../shared/ledger'
import { verifyLedger } from '../../shared/ledger'
import { commonmapSchema } from '../../shared/schema'
import type { NewBoard, StoredParticipant } from './BoardRepository'
import type { MergeUpdates } from './MergeWorker'
import { openSqliteStorage, type SqliteStorageOptions } from './openSqliteStorage'
import { MIGRATIONS } from './sqliteMigrations'
import type { Storage } from './Storage'
import type { StoredDocument } from './UpdateLog'

const board = { id: 'board-aaaaaaaaaaaaaaaaaa', title: 'Housing', createdAt: 1_700_000_000_000 }

/** A writer whose every edit becomes one V1 update, like a client's transactions. */
function createWriter() {
  const doc = new Y.Doc()
  const records = getRecordStore(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const initial = Y.encodeStateAsUpdate(doc)
  return {
    initial,
    updates,
    move: (id: string, x: number) => records.set(id, { id, x } as never),
  }
}

function rebuild(stored: StoredDocument | undefined): Record<string, unknown> {
  if (!stored) throw new Error('board missing')
  const doc = new Y.Doc()
  Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return Object.fromEntries([...getRecordStore(doc).map].map(([key, entry]) => [key, entry.val]))
}

const SCHEMA = commonmapSchema.serialize()

describe('openSqliteStorage', () => {
  const sam: StoredParticipant = {
    id: 'p_sam0000000000000000000',
    boardId: board.id,
    name: 'Sam Jones',
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
  }

  let dir: string
  let file: string
  const opened: Storage[] = []
  const open = (options: Partial<SqliteStorageOptions> = {}) => {
    const storage = openSqliteStorage({ file, ...options })
    opened.push(storage)
    const { log, repository } = storage
    return {
      close: () => storage.close(),
      create: (initialState: Uint8Array, more: Partial<NewBoard> = {}) =>
        repository.createBoard({ info: board, initialState, schema: SCHEMA, ...more }),
      append: (update: Uint8Array, ledger?: LedgerDraft[]) =>
        log.append(board.id, { update, ...(ledger && { ledger }) }),
      load: (id = board.id) => log.load(id),
      log,
      repository,
    }
  }

  /** A database file as an older version left it (its first `steps` migrations), with the board. */
  const olderFile = (steps: number) => {
    mkdirSync(join(dir, 'nested'), { recursive: true })
    const db = new Database(file)
    for (const step of MIGRATIONS.slice(0, steps)) db.exec(step)
    db.pragma(`user_version = ${steps}`)
    db.prepare('INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)').run(
      board.id,
      board.title,
      1,
    )
    db.prepare('INSERT INTO snapshots (board_id, state, up_to_seq) VALUES (?, ?, 0)').run(
      board.id,
      Buffer.from(createWriter().initial),
    )
    return db
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'commonmap-sqlite-'))
    file = join(dir, 'nested', 'commonmap.sqlite')
  })
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close().catch(() => {})
    rmSync(dir, { recursive: true, force: true })
  })

  it('creates, appends and loads a board, and keeps it across reopening', async () => {
    const writer = createWriter()
    const storage = open()
    await storage.create(writer.initial)
    writer.move('shape:a', 1)
    writer.move('shape:a', 2)
    for (const update of writer.updates) storage.append(update)

    expect(await storage.repository.getBoard(board.id)).toEqual(board)
    expect(await storage.repository.getBoard('unknown')).toBeUndefined()
    expect(await storage.load('unknown')).toBeUndefined()
    const stored = await storage.load()
    expect(stored?.updates).toHaveLength(2)
    expect(rebuild(stored)).toEqual({ 'shape:a': { id: 'shape:a', x: 2 } })

    await storage.close()
    opened.splice(0)
    expect(rebuild(await open().load())).toEqual({ 'shape:a': { id: 'shape:a', x: 2 } })
  })

  it('refuses updates for a board that does not exist', () => {
    expect(() => open().log.append('nobody', { update: new Uint8Array([0, 0]) })).toThrow()
  })

  it('compacts the log into a smaller snapshot that loads the same document', async () => {
    const writer = createWriter()
    const storage = open()
    await storage.create(writer.initial)
    for (let i = 0; i < 200; i++) writer.move(`shape:${i % 5}`, i)
    for (const update of writer.updates) storage.append(update)
    const before = await storage.load()
    const logBytes = before!.updates.reduce((sum, u) => sum + u.byteLength, 0)

    expect(await storage.log.compact(board.id)).toEqual({ compactedUpdates: 200 })
    const after = await storage.load()
    expect(after?.updates).toHaveLength(0)
    expect(after!.snapshot.byteLength).toBeLessThan(logBytes / 4)
    expect(rebuild(after)).toEqual(rebuild(before))
    expect(await storage.log.compact(board.id)).toEqual({ compactedUpdates: 0 })
  })

  it('keeps updates appended while a compaction is merging', async () => {
    const writer = createWriter()
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const seen: number[] = []
    const slowMerge: MergeUpdates = async (snapshot, updates) => {
      seen.push(updates.length)
      await gate
      return Y.mergeUpdates([snapshot, ...updates])
    }
    const storage = open({ merge: slowMerge })
    await storage.create(writer.initial)
    writer.move('shape:a', 1)
    writer.move('shape:b', 1)
    for (const update of writer.updates.splice(0)) storage.append(update)

    const compaction = storage.log.compact(board.id)
    expect(storage.log.compact(board.id)).toBe(compaction)
    writer.move('shape:a', 2)
    writer.move('shape:c', 3)
    for (const update of writer.updates.splice(0)) storage.append(update)
    release()
    await compaction

    expect(seen).toEqual([2])
    const stored = await storage.load()
    expect(stored?.updates).toHaveLength(2)
    expect(rebuild(stored)).toEqual({
      'shape:a': { id: 'shape:a', x: 2 },
      'shape:b': { id: 'shape:b', x: 1 },
      'shape:c': { id: 'shape:c', x: 3 },
    })
  })

  it('compacts on its own once the log passes the threshold', async () => {
    const writer = createWriter()
    const storage = open({ compactAfterUpdates: 10 })
    await storage.create(writer.initial)
    for (let i = 0; i < 10; i++) writer.move('shape:a', i)
    for (const update of writer.updates) storage.append(update)
    await waitFor(async () => (await storage.load())?.updates.length === 0, { what: 'compaction' })
    expect(rebuild(await storage.load())).toEqual({ 'shape:a': { id: 'shape:a', x: 9 } })
  })

  it('waits for proportionally more updates before compacting a large board', async () => {
    const big = new Y.Doc()
    // Just under 2 MiB encoded: the threshold becomes just under 20 updates.
    big.getText('notes').insert(0, 'x'.repeat(2 * 1024 * 1024 - 1000))
    const merges: number[] = []
    const storage = open({
      compactAfterUpdates: 10,
      merge: async (snapshot, updates) => {
        merges.push(updates.length)
        return Y.mergeUpdates([snapshot, ...updates])
      },
    })
    await storage.create(Y.encodeStateAsUpdate(big))
    const writer = createWriter()
    for (let i = 0; i < 40; i++) writer.move('shape:a', i)
    const [first, second] = [writer.updates.slice(0, 19), writer.updates.slice(19, 20)]
    for (const update of first) storage.append(update)
    expect(merges).toEqual([])
    for (const update of second) storage.append(update)
    expect(merges).toEqual([20])
  })

  it('leaves the log alone when a merge fails', async () => {
    const writer = createWriter()
    const storage = open({ merge: () => Promise.reject(new Error('worker crashed')) })
    await storage.create(writer.initial)
    writer.move('shape:a', 1)
    storage.append(writer.updates[0]!)
    expect(await storage.log.compact(board.id)).toEqual({ compactedUpdates: 0 })
    expect((await storage.load())?.updates).toHaveLength(1)
  })

  it('lets a running compaction finish when closing', async () => {
    const writer = createWriter()
    const storage = open()
    await storage.create(writer.initial)
    for (let i = 0; i < 50; i++) writer.move('shape:a', i)
    for (const update of writer.updates) storage.append(update)
    const compaction = storage.log.compact(board.id)
    await storage.close()
    expect(await compaction).toEqual({ compactedUpdates: 50 })
    opened.splice(0)
    const reopened = open()
    expect((await reopened.load())?.updates).toHaveLength(0)
    expect(rebuild(await reopened.load())).toEqual({ 'shape:a': { id: 'shape:a', x: 49 } })
  })

  it('records the schema version and refuses a file from a newer version', async () => {
    await open().close()
    opened.splice(0)
    const db = new Database(file)
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    db.close()
    expect(() => open()).toThrow(/newer version of Commonmap/)
  })

  describe('participants and the ledger (schema 2)', () => {
    const draft = (recordId: string, action: LedgerDraft['action'] = 'created'): LedgerDraft => ({
      at: 10,
      participantId: sam.id,
      writtenDownBy: null,
      action,
      recordId,
      recordType: 'note',
    })

    it('migrates a schema 1 file, keeping its boards', async () => {
      olderFile(1).close()
      const storage = open()
      expect((await storage.repository.getBoard(board.id))?.title).toBe(board.title)
      await storage.repository.addParticipant(sam)
      expect(await storage.repository.listParticipants(board.id)).toEqual([
        { ...sam, tokenHash: Buffer.from(sam.tokenHash!) },
      ])
    })

    it('keeps participants, and changes only their profile fields', async () => {
      const storage = open()
      await storage.create(createWriter().initial, { creator: sam })
      expect(await storage.repository.getParticipant(sam.id)).toMatchObject({
        name: 'Sam Jones',
        withoutDevice: false,
      })
      await storage.repository.updateParticipant({
        ...sam,
        credit: 'role-only',
        name: 'Sam J',
        boardId: 'other',
        addedBy: 'x',
      })
      expect(await storage.repository.getParticipant(sam.id)).toMatchObject({
        name: 'Sam J',
        credit: 'role-only',
        boardId: board.id,
        addedBy: null,
      })
      const offline = {
        ...sam,
        id: 'p_jo00000000000000000000',
        tokenHash: null,
        withoutDevice: true,
        addedBy: sam.id,
        createdAt: 6,
      }
      await storage.repository.addParticipant(offline)
      expect(
        (await storage.repository.listParticipants(board.id)).map((p) => [p.id, p.withoutDevice]),
      ).toEqual([
        [sam.id, false],
        [offline.id, true],
      ])
    })

    it('seals ledger entries onto one chain with their update, across reopening', async () => {
      const writer = createWriter()
      const storage = open()
      await storage.create(writer.initial, { creator: sam, ledger: [draft('page:page')] })
      writer.move('shape:a', 1)
      writer.move('shape:a', 2)
      storage.append(writer.updates[0]!, [draft('shape:a')])
      storage.append(writer.updates[1]!, [draft('shape:a', 'arranged')])
      await storage.close()
      opened.splice(0)
      const reopened = open()
      writer.move('shape:b', 3)
      reopened.append(writer.updates[2]!, [draft('shape:b'), draft('shape:b', 'words')])
      const ledger = await reopened.repository.readLedger(board.id)
      expect(ledger.map((e) => [e.seq, e.recordId, e.action])).toEqual([
        [1, 'page:page', 'created'],
        [2, 'shape:a', 'created'],
        [3, 'shape:a', 'arranged'],
        [4, 'shape:b', 'created'],
        [5, 'shape:b', 'words'],
      ])
      expect(verifyLedger(ledger)).toMatchObject({ ok: true, entries: 5 })
      expect(
        (await reopened.repository.readLedger(board.id, { recordId: 'shape:a' })).map((e) => e.seq),
      ).toEqual([2, 3])
      expect((await reopened.load())?.updates).toHaveLength(3)
    })

    it('reads the authorship entries, oldest first, as the JSON of their drafts', async () => {
      const writer = createWriter()
      const storage = open()
      await storage.create(writer.initial, { creator: sam, ledger: [draft('page:page')] })
      writer.move('shape:a', 1)
      writer.move('shape:a', 2)
      const writtenForSomeone: LedgerDraft = {
        ...draft('shape:a', 'words'),
        participantId: 'p_someone',
        writtenDownBy: sam.id,
      }
      storage.append(writer.updates[0]!, [draft('shape:a'), writtenForSomeone])
      storage.append(writer.updates[1]!, [draft('shape:a', 'arranged')])
      expect(JSON.parse(await storage.repository.readAuthorshipJson(board.id))).toEqual([
        draft('page:page'),
        draft('shape:a'),
        writtenForSomeone,
      ])
      expect(await storage.repository.readAuthorshipJson('board-unknown')).toBe('[]')
    })

    it('refuses to rewrite or delete ledger entries', async () => {
      const storage = open()
      await storage.create(createWriter().initial, {
        creator: sam,
        ledger: [draft('page:page')],
      })
      const db = new Database(file)
      try {
        expect(() => db.prepare("UPDATE ledger SET action = 'deleted'").run()).toThrow(
          /append-only/,
        )
        expect(() => db.prepare('DELETE FROM ledger').run()).toThrow(/append-only/)
      } finally {
        db.close()
      }
    })

    it('stores neither the update nor its entries when the entries cannot be stored', async () => {
      const writer = createWriter()
      const storage = open()
      await storage.create(writer.initial, { ledger: [draft('page:page')] })
      writer.move('shape:a', 1)
      const broken = { ...draft('shape:a'), action: null } as unknown as LedgerDraft
      expect(() => storage.append(writer.updates[0]!, [draft('shape:a'), broken])).toThrow()
      expect((await storage.load())?.updates).toHaveLength(0)
      expect((await storage.repository.readLedger(board.id)).map((e) => e.seq)).toEqual([1])
    })

    it('never forks a chain when two writers append to one board: each reads its end in its own transaction', async () => {
      const writer = createWriter()
      const first = open()
      const second = open()
      await first.create(writer.initial, { creator: sam, ledger: [draft('page:page')] })
      for (let i = 0; i < 6; i++) writer.move(`shape:${i}`, i)
      writer.updates.forEach((update, i) =>
        (i % 2 === 0 ? first : second).append(update, [draft(`shape:${i}`)]),
      )
      const ledger = await second.repository.readLedger(board.id)
      expect(ledger.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(verifyLedger(ledger)).toMatchObject({ ok: true, entries: 7 })
    })
  })

  describe('one B-tree per appended update (schema 6)', () => {
    it('keeps every logged update and its numbering, and numbers new ones after the last, even once compacted', async () => {
      const writer = createWriter()
      const db = olderFile(5)
      writer.move('shape:a', 1)
      writer.move('shape:a', 2)
      const insert = db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)')
      for (const update of writer.updates.splice(0)) insert.run(board.id, Buffer.from(update))
      db.close()
      const storage = open()
      expect((await storage.load())?.updates).toHaveLength(2)
      writer.move('shape:a', 3)
      storage.append(writer.updates.splice(0)[0]!)
      await storage.log.compact(board.id)
      writer.move('shape:a', 4)
      storage.append(writer.updates.splice(0)[0]!)
      const check = new Database(file, { readonly: true })
      try {
        expect(
          check.prepare('SELECT seq FROM updates WHERE board_id = ?').pluck().all(board.id),
        ).toEqual([4])
        expect(
          check
            .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'updates_by_board'")
            .pluck()
            .get(),
        ).toBe(0)
      } finally {
        check.close()
      }
      expect(rebuild(await storage.load())).toEqual({ 'shape:a': { id: 'shape:a', x: 4 } })
    })
  })

  describe('server-owned state leaves the document (schema 5)', () => {
    it('keeps the schema a board conforms to, null for a board saved before, and stores a new one with an update', async () => {
      olderFile(4).close()
      const storage = open()
      expect((await storage.load())?.schema).toBeNull()
      storage.log.append(board.id, { update: new Uint8Array([0, 0]), schema: SCHEMA })
      expect((await storage.load())?.schema).toEqual(SCHEMA)
    })

    it('lets whoever started a board saved before capabilities facilitate it, and others take part', async () => {
      const db = olderFile(4)
      const insert = db.prepare(
        `INSERT INTO participants (id, board_id, name, role, credit, color, created_at)
          VALUES (?, ?, 'Someone', 'carer', 'full-name', '#000', 1)`,
      )
      insert.run(sam.id, board.id)
      insert.run('p_jo00000000000000000000', board.id)
      db.prepare(
        "INSERT INTO ledger VALUES (?, 1, 0, ?, NULL, 'created', 'page:page', 'page', ?, ?)",
      ).run(board.id, sam.id, '0'.repeat(64), 'x')
      db.close()
      const storage = open()
      const people = await storage.repository.listParticipants(board.id)
      expect(people.map((p) => [p.id, p.capabilities])).toEqual([
        [sam.id, ['view', 'edit', 'facilitate']],
        ['p_jo00000000000000000000', ['view', 'edit']],
      ])
    })
  })
  describe('licences (schema 3)', () => {
    it('keeps the latest choice for a board, with who made it, across reopening', async () => {
      const storage = open()
      await storage.create(createWriter().initial, { creator: sam })
      expect(await storage.repository.getLicence(board.id)).toBeUndefined()
      await storage.repository.setLicence(board.id, { id: 'cc0-1.0', setBy: sam.id, setAt: 10 })
      await storage.repository.setLicence(board.id, {
        id: 'cc-by-sa-4.0',
        setBy: sam.id,
        setAt: 20,
      })
      await storage.close()
      opened.splice(0)
      expect(await open().repository.getLicence(board.id)).toEqual({
        id: 'cc-by-sa-4.0',
        setBy: sam.id,
        setAt: 20,
      })
    })

    it('refuses a choice by someone who is not a participant', async () => {
      const storage = open()
      await storage.create(createWriter().initial)
      await expect(
        storage.repository.setLicence(board.id, { id: 'cc0-1.0', setBy: sam.id, setAt: 10 }),
      ).rejects.toThrow()
    })
  })
})
