import { describe, expect, it } from 'vitest'
import { createBoard, joinBoard, person } from '../helpers/createBoard'
import { noteRecord } from '../helpers/records'
import { withServerDatabase } from '../helpers/serverDatabase'
import { waitFor } from '../helpers/waitFor'
import { serverForSuite } from '../helpers/serverForSuite'

describe('reopening a board after a restart', () => {
  const suite = serverForSuite()

  const storedUpdates = () =>
    withServerDatabase(suite.server, async (db) => {
      const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM updates')
      return row?.n ?? 0
    })

  it('rebuilds what the server publishes from storage and writes nothing new', async () => {
    const boardId = await createBoard(suite.server.url)
    const sam = await joinBoard(
      suite.server.url,
      boardId,
      person('Sam', 'lived-experience', { credit: 'first-name' }),
    )
    const writer = await suite.connect(boardId, { token: sam.token })
    for (let i = 0; i < 5; i++)
      writer.records.set(`shape:${i}`, noteRecord(`shape:${i}`, `Idea ${i}`))
    const reader = await suite.connect(boardId, { token: sam.token })
    await waitFor(() => reader.state.get('attribution').has('shape:4'))
    const published = reader.state.toKept().states
    writer.close()
    reader.close()

    expect(await suite.server.kill('SIGTERM')).toEqual({ code: 0, signal: null })
    const before = await storedUpdates()
    await suite.server.restart()
    const fresh = await suite.connect(boardId, { token: sam.token })
    await waitFor(() =>
      suite.server.logs.some((l) => l.event === 'room.restored' && l.boardId === boardId),
    )
    expect(fresh.state.toKept().states).toEqual(published)
    // What the server publishes is not in the document: loading a board changes nothing in it,
    // so loads do not grow the log or make the next client wait for a re-encoded snapshot.
    expect(await suite.server.kill('SIGTERM')).toEqual({ code: 0, signal: null })
    expect(await storedUpdates()).toBe(before)
    await suite.server.restart()
  })
})
