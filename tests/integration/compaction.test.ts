import { describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/createBoard'
import { withServerDatabase } from '../helpers/serverDatabase'
import { waitFor } from '../helpers/waitFor'
import { noteRecord } from '../helpers/records'
import { serverForSuite } from '../helpers/serverForSuite'

const SHAPES = 5
const shape = (n: number, x: number) => noteRecord(`shape:${n}`, `Note ${n}`, { x })

describe('compaction in a real server', () => {
  // The test sends hundreds of moves at once, far faster than anyone drags (UPDATES_PER_SECOND
  // would close it): it is about the log, not the rate.
  const suite = serverForSuite({ env: { UPDATES_PER_SECOND: '100000' } })

  const loggedRowCount = (boardId: string): Promise<number> =>
    withServerDatabase(suite.server, async (db) => {
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*) AS n FROM updates WHERE board_id = ?',
        [boardId],
      )
      return row?.n ?? 0
    })

  it('shrinks the update log while a client keeps editing, and a restart loads everything', async () => {
    const boardId = await createBoard(suite.server.url)
    const editor = await suite.connect(boardId)
    const watcher = await suite.connect(boardId)
    const compactions = () =>
      suite.server.logs.filter((l) => l.event === 'compaction.done' && l.boardId === boardId)

    // Drag shapes around, one update per move, in batches that the other client receives before
    // the next one starts, until the server has compacted at least once; then keep dragging.
    let edits = 0
    const drag = async (moves: number) => {
      for (let i = 0; i < moves; i++, edits++) {
        editor.records.set(`shape:${edits % SHAPES}`, shape(edits % SHAPES, edits))
      }
      const last = edits - 1
      await waitFor(
        () =>
          (watcher.snapshot()[`shape:${last % SHAPES}`] as { x: number } | undefined)?.x === last,
        { what: `move ${last} to reach the other client` },
      )
    }
    // The server compacts once 1,000 updates wait in its log (the default threshold for a small
    // board). Wait for that compaction before dragging on: how soon its worker thread finishes
    // depends on the machine's load, and the row count below must not.
    while (edits < 1000) await drag(100)
    await waitFor(() => compactions().length > 0, { what: 'the first compaction' })
    await drag(300)
    // On a busy machine a compaction can finish long after it took its snapshot of the log, so
    // keep editing until the log has caught up rather than checking at one fixed moment.
    while ((await loggedRowCount(boardId)) >= edits / 2 && edits < 8000) await drag(100)

    expect(await loggedRowCount(boardId)).toBeLessThan(edits / 2)
    expect(compactions()[0]).toMatchObject({ compactedUpdates: expect.any(Number) })
    const expected = editor.snapshot()
    suite.closeClients()

    expect(await suite.server.kill('SIGTERM')).toEqual({ code: 0, signal: null })
    await suite.server.restart()
    const fresh = await suite.connect(boardId)
    expect(fresh.snapshot()).toEqual(expected)
  })
})
