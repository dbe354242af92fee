import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordStore } from '../../shared/docLayout'
import { commonmapSchema } from '../../shared/schema'
import { createBoardWith, joinBoard, person } from '../helpers/createBoard'
import { noteRecord } from '../helpers/records'
import { waitFor } from '../helpers/waitFor'
import { serverForSuite } from '../helpers/serverForSuite'

/**
 * A board saved by the version before server-owned state left the document: its people,
 * attribution, voice balance, licence and schema were roots of its Yjs document.
 */
describe('a board saved before server-owned state left the document, on a real server', () => {
  const suite = serverForSuite()
  const connect = async (boardId: string, token?: string) => {
    return suite.connect(boardId, { token })
  }
  const database = () => new Database(join(suite.server.dataDir, 'commonmap.sqlite'))

  /** Rewrites a board's stored document the way the previous version kept it. */
  function makeLegacy(boardId: string, credited: Record<string, unknown>): void {
    const db = database()
    try {
      const { state, up_to_seq } = db
        .prepare('SELECT state, up_to_seq FROM snapshots WHERE board_id = ?')
        .get(boardId) as { state: Buffer; up_to_seq: number }
      const updates = db
        .prepare('SELECT data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq')
        .pluck()
        .all(boardId, up_to_seq) as Buffer[]
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state)
      for (const update of updates) Y.applyUpdate(doc, update)
      doc.transact(() => {
        doc.getMap('meta').set('schema', commonmapSchema.serialize())
        for (const [id, person] of Object.entries(credited))
          doc.getMap('participants').set(id, person)
        doc.getMap('attribution').set('shape:one', { addedBy: 'p_forged000000000000000' })
        doc.getMap('voiceBalance').set('current', { people: 99 })
        doc.getMap('settings').set('licence', { id: 'cc0-1.0', setBy: null, setAt: null })
      })
      db.transaction(() => {
        db.prepare('UPDATE snapshots SET state = ?, up_to_seq = ? WHERE board_id = ?').run(
          Buffer.from(Y.encodeStateAsUpdate(doc)),
          db.prepare('SELECT coalesce(max(seq), 0) FROM updates').pluck().get(),
          boardId,
        )
        db.prepare('DELETE FROM updates WHERE board_id = ?').run(boardId)
        db.prepare('UPDATE boards SET schema = NULL WHERE id = ?').run(boardId)
      })()
    } finally {
      db.close()
    }
  }

  it('moves over on its first load, in one append, keeping every credit', async () => {
    const board = await createBoardWith(suite.server.url, {
      title: 'Housing',
      creator: person('Fran', 'facilitator'),
    })
    const sam = await joinBoard(
      suite.server.url,
      board.id,
      person('Sam Jones', 'lived-experience', { credit: 'not-named' }),
    )
    const fran = await connect(board.id, board.creator!.token!)
    const samClient = await connect(board.id, sam.token)
    fran.records.set('shape:one', noteRecord('shape:one', 'Fran’s idea'))
    samClient.records.set('shape:two', noteRecord('shape:two', 'Sam’s idea'))
    await waitFor(() => fran.state.get('attribution').has('shape:two'))
    const credits = Object.fromEntries(fran.state.get('attribution'))
    const people = Object.fromEntries(fran.state.get('people'))
    suite.closeClients()
    expect(await suite.server.kill('SIGTERM')).toEqual({ code: 0, signal: null })
    makeLegacy(board.id, people)

    await suite.server.restart()
    const reader = await connect(board.id, board.creator!.token!)
    await waitFor(() =>
      suite.server.logs.some(
        (line) => line.event === 'board.migrated' && line.boardId === board.id,
      ),
    )
    expect(Object.fromEntries(reader.state.get('attribution'))).toEqual(credits)
    expect(Object.fromEntries(reader.state.get('people'))).toEqual(people)
    expect(reader.state.get('licence').size).toBe(0)
    expect(
      Object.keys(reader.snapshot())
        .filter((id) => id.startsWith('shape:'))
        .sort(),
    ).toEqual(['shape:one', 'shape:two'])
    for (const root of reader.doc.share.keys()) {
      if (root !== 'records') expect(reader.doc.getMap(root).toJSON(), root).toEqual({})
    }
    const db = database()
    try {
      const row = db.prepare('SELECT schema FROM boards WHERE id = ?').get(board.id) as {
        schema: string
      }
      expect(JSON.parse(row.schema)).toEqual(commonmapSchema.serialize())
      expect(
        db.prepare('SELECT count(*) FROM updates WHERE board_id = ?').pluck().get(board.id),
      ).toBe(1)
    } finally {
      db.close()
    }
    // What is stored now holds nothing the server owns.
    const stored = new Y.Doc()
    const dbAgain = database()
    try {
      const { state } = dbAgain
        .prepare('SELECT state FROM snapshots WHERE board_id = ?')
        .get(board.id) as {
        state: Buffer
      }
      Y.applyUpdate(stored, state)
      for (const update of dbAgain
        .prepare('SELECT data FROM updates WHERE board_id = ?')
        .pluck()
        .all(board.id) as Buffer[]) {
        Y.applyUpdate(stored, update)
      }
    } finally {
      dbAgain.close()
    }
    expect(stored.getMap('participants').toJSON()).toEqual({})
    expect(getRecordStore(stored).get('shape:one' as never)).toMatchObject({ id: 'shape:one' })
  })
})
