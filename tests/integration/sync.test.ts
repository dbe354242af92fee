import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { connectClient, type TestClient } from '../helpers/connectClient'
import { createBoard } from '../helpers/createBoard'
import { startServer, type TestServer } from '../helpers/startServer'
import { waitFor } from '../helpers/waitFor'
import { noteRecord } from '../helpers/records'

const shape = (id: string, x: number) => noteRecord(id, 'A note', { x })

describe('syncing through a real server', () => {
  let server: TestServer
  const clients: TestClient[] = []
  const connect = async (boardId: string) => {
    const client = await connectClient(server.url, boardId)
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    server = await startServer()
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.close()
  })
  afterAll(() => server.stop())

  it('syncs two clients, and a third joining later gets everything', async () => {
    const boardId = await createBoard(server.url)
    const a = await connect(boardId)
    const b = await connect(boardId)
    // The server wrote the first page, so both start with it.
    expect(a.snapshot()['page:page']).toMatchObject({ name: 'Page 1' })

    a.records.set('shape:a', shape('shape:a', 1))
    b.records.set('shape:b', shape('shape:b', 2))
    await waitFor(() => a.records.has('shape:b') && b.records.has('shape:a'))
    expect(a.snapshot()).toEqual(b.snapshot())

    const c = await connect(boardId)
    expect(c.snapshot()).toEqual(a.snapshot())
  })

  it('keeps an edit that was relayed to another client when the server is killed', async () => {
    const boardId = await createBoard(server.url)
    const a = await connect(boardId)
    const b = await connect(boardId)
    a.records.set('shape:seen', shape('shape:seen', 42))
    await waitFor(() => b.records.has('shape:seen'), { intervalMs: 1 })
    await server.kill('SIGKILL')
    for (const client of clients.splice(0)) client.close()

    await server.restart()
    const fresh = await connect(boardId)
    expect(fresh.snapshot()['shape:seen']).toEqual(shape('shape:seen', 42))
  })

  it('exits 0 on SIGTERM, tells clients it is restarting, and keeps the data', async () => {
    const boardId = await createBoard(server.url)
    const a = await connect(boardId)
    a.records.set('shape:kept', shape('shape:kept', 7))
    const b = await connect(boardId)
    await waitFor(() => b.records.has('shape:kept'))

    expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null })
    await waitFor(() => a.closeCodes.includes(CloseCode.ServiceRestart), {
      what: 'a 1012 close',
    })
    expect(server.logs.map((l) => l.event)).toContain('server.stopped')
    for (const client of clients.splice(0)) client.close()

    await server.restart()
    const fresh = await connect(boardId)
    expect(fresh.snapshot()['shape:kept']).toEqual(shape('shape:kept', 7))
  })
})
