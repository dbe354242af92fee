import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordStore } from '../../shared/docLayout'
import { commonmapSchema } from '../../shared/schema'
import { createBoardWith, joinBoard, person } from '../helpers/createBoard'
import { noteRecord } from '../helpers/records'
import { withServerDatabase } from '../helpers/serverDatabase'
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

  /** What is stored of a board's document: its snapshot and the updates logged after it. */
  const storedDocument = (boardId: string) =>
    withServerDatabase(suite.server, async (db) => {
      const [snapshot] = await db.query<{ state: Buffer }>(
        'SELECT state FROM snapshots WHERE board_id = ?',
        [boardId],
      )
      const updates = await db.query<{ data: Buffer }>(
        'SELECT data FROM updates WHERE board_id = ? ORDER BY seq',
        [boardId],
      )
      const doc = new Y.Doc()
      Y.applyUpdate(doc, snapshot!.state)
      for (const { data } of updates) Y.applyUpdate(doc, data)
      return { doc, updates: updates.length }
    })

  /** Rewrites a board's stored document the way the previous version kept it. */
  async function makeLegacy(boardId: string, credited: Record<string, unknown>): Promise<void> {
    const { doc } = await storedDocument(boardId)
    doc.transact(() => {
      doc.getMap('meta').set('schema', commonmapSchema.serialize())
      for (const [id, person] of Object.entries(credited))
        doc.getMap('participants').set(id, person)
      doc.getMap('attribution').set('shape:one', { addedBy: 'p_forged000000000000000' })
      doc.getMap('voiceBalance').set('current', { people: 99 })
      doc.getMap('settings').set('licence', { id: 'cc0-1.0', setBy: null, setAt: null })
    })
    await withServerDatabase(suite.server, async (db) => {
      await db.query('BEGIN')
      const [last] = await db.query<{ seq: number }>(
        'SELECT coalesce(max(seq), 0) AS seq FROM updates',
      )
      await db.query('UPDATE snapshots SET state = ?, up_to_seq = ? WHERE board_id = ?', [
        Buffer.from(Y.encodeStateAsUpdate(doc)),
        last?.seq ?? 0,
        boardId,
      ])
      await db.query('DELETE FROM updates WHERE board_id = ?', [boardId])
      await db.query('UPDATE boards SET schema = NULL WHERE id = ?', [boardId])
      await db.query('COMMIT')
    })
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
    await makeLegacy(board.id, people)

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
    const [row] = await withServerDatabase(suite.server, (db) =>
      db.query<{ schema: string }>('SELECT schema FROM boards WHERE id = ?', [board.id]),
    )
    expect(JSON.parse(row!.schema)).toEqual(commonmapSchema.serialize())
    // What is stored now is one append after the legacy snapshot, and holds nothing the server owns.
    const { doc: stored, updates } = await storedDocument(board.id)
    expect(updates).toBe(1)
    expect(stored.getMap('participants').toJSON()).toEqual({})
    expect(getRecordStore(stored).get('shape:one' as never)).toMatchObject({ id: 'shape:one' })
  })
})
