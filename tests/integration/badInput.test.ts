import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { CloseCode } from '../../shared/closeCodes'
import { PROTOCOL_VERSION, WS_PATH, WS_QUERY } from '../../shared/protocol'
import { COMMONMAP_SCHEMA_FINGERPRINT } from '../../shared/commonmapSchemaFingerprint'
import { connectClient, type TestClient } from '../helpers/connectClient'
import { createBoard, joinBoard } from '../helpers/createBoard'
import { startServer, type TestServer } from '../helpers/startServer'
import { waitFor } from '../helpers/waitFor'
import { noteRecord } from '../helpers/records'

const MAX_MESSAGE_BYTES = 65536
const shape = (id: string) => noteRecord(id, 'A note')

describe('bad input against a real server', () => {
  let server: TestServer
  const clients: TestClient[] = []
  const sockets: WebSocket[] = []

  beforeAll(async () => {
    server = await startServer({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } })
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.close()
    for (const socket of sockets.splice(0)) socket.terminate()
  })
  afterAll(() => server.stop())

  const connect = async (boardId: string, params?: Record<string, string>) => {
    const client = await connectClient(server.url, boardId, { params })
    clients.push(client)
    return client
  }

  /** A raw socket; resolves its close code. With `token`, presents it. */
  const rawSocket = (path: string, token?: string) => {
    const query = token ? `${path.includes('?') ? '&' : '?'}${WS_QUERY.token}=${token}` : ''
    const socket = new WebSocket(`${server.wsUrl}${WS_PATH}/${path}${query}`)
    sockets.push(socket)
    socket.on('error', () => {})
    const opened = new Promise<void>((resolve) => socket.once('open', () => resolve()))
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    return { socket, opened, closed }
  }

  /** Proves two clients of a board still sync in both directions. */
  const stillSyncing = async (a: TestClient, b: TestClient, id: string) => {
    a.records.set(`shape:${id}-a`, shape(`shape:${id}-a`))
    b.records.set(`shape:${id}-b`, shape(`shape:${id}-b`))
    await waitFor(() => a.records.has(`shape:${id}-b`) && b.records.has(`shape:${id}-a`))
  }

  it.each([
    ['an unknown message type', [42, 1, 2]],
    ['a truncated update', [0, 2, 50, 1, 2, 3]],
    ['garbage where an update should be', [0, 2, 4, 255, 255, 255, 255]],
    ['an empty frame', []],
  ])('closes only the sender of %s', async (_name, bytes) => {
    const boardId = await createBoard(server.url)
    const otherBoard = await createBoard(server.url)
    const [a, b, c, d] = await Promise.all([
      connect(boardId),
      connect(boardId),
      connect(otherBoard),
      connect(otherBoard),
    ])
    const bad = rawSocket(boardId, (await joinBoard(server.url, boardId)).token)
    await bad.opened
    bad.socket.send(Uint8Array.from(bytes))
    expect(await bad.closed).toBe(CloseCode.MalformedMessage)
    await stillSyncing(a!, b!, 'same-board')
    await stillSyncing(c!, d!, 'other-board')
    expect(server.logs).toContainEqual(
      expect.objectContaining({
        event: 'message.malformed',
        boardId,
        connectionId: expect.any(String),
      }),
    )
  })

  it('closes the sender of an oversized frame with 1009 and logs it', async () => {
    const boardId = await createBoard(server.url)
    const [a, b] = await Promise.all([connect(boardId), connect(boardId)])
    const big = rawSocket(boardId, (await joinBoard(server.url, boardId)).token)
    await big.opened
    big.socket.send(new Uint8Array(MAX_MESSAGE_BYTES + 1))
    expect(await big.closed).toBe(CloseCode.MessageTooBig)
    await stillSyncing(a!, b!, 'after-big')
    await waitFor(() =>
      server.logs.some((l) => l.event === 'message.too-big' && l.boardId === boardId),
    )
  })

  it('rate-limits the log of a flood of bad frames', async () => {
    const boardId = await createBoard(server.url)
    const before = server.logs.filter((l) => l.event === 'message.malformed').length
    const { token } = await joinBoard(server.url, boardId)
    const flood = Array.from({ length: 40 }, () => rawSocket(boardId, token))
    await Promise.all(flood.map((s) => s.opened))
    for (const s of flood) s.socket.send(Uint8Array.from([99]))
    expect(new Set(await Promise.all(flood.map((s) => s.closed)))).toEqual(
      new Set([CloseCode.MalformedMessage]),
    )
    // The limit is 20 lines per event and 10 s window; earlier tests used some of it.
    const logged = server.logs.filter((l) => l.event === 'message.malformed').length - before
    expect(logged).toBeLessThanOrEqual(20)
  })

  it('refuses a board that was never created with 4404', async () => {
    expect(await rawSocket('abcdefghijklmnopqrstuv').closed).toBe(CloseCode.BoardNotFound)
    expect(await rawSocket('not-a-board-id').closed).toBe(CloseCode.BoardNotFound)
    expect(await rawSocket('%E0%A4%A').closed).toBe(CloseCode.BoardNotFound)
  })

  it('refuses a client with another protocol version or schema with 4426', async () => {
    const boardId = await createBoard(server.url)
    const v = WS_QUERY.protocolVersion
    const s = WS_QUERY.schemaFingerprint
    expect(await rawSocket(`${boardId}?${v}=${PROTOCOL_VERSION + 1}`).closed).toBe(
      CloseCode.ClientOutdated,
    )
    expect(await rawSocket(`${boardId}?${s}=0000`).closed).toBe(CloseCode.ClientOutdated)
    const current = await connect(boardId, {
      [v]: String(PROTOCOL_VERSION),
      [s]: COMMONMAP_SCHEMA_FINGERPRINT,
    })
    expect(current.provider.synced).toBe(true)
  })
})
