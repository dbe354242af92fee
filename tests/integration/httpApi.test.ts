import { describe, expect, it } from 'vitest'
import { BOARD_ID_PATTERN } from '../../shared/protocol'
import { createBoard } from '../helpers/createBoard'
import { serverForSuite } from '../helpers/serverForSuite'

const MAX_ASSET_BYTES = 100_000
const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const png = (size: number) => {
  const bytes = new Uint8Array(size)
  bytes.set(PNG_HEADER)
  for (let i = PNG_HEADER.length; i < size; i++) bytes[i] = (i * 7) % 256
  return bytes
}

describe('the HTTP API of a real server', () => {
  const suite = serverForSuite({ env: { MAX_ASSET_BYTES: String(MAX_ASSET_BYTES) } })

  const api = (path: string, init?: RequestInit) => fetch(suite.server.url + path, init)
  const JSON_TYPE = { 'Content-Type': 'application/json' }
  const BYTES_TYPE = { 'Content-Type': 'application/octet-stream' }
  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    api(path, { method: 'POST', body, headers })

  it('answers the health check', async () => {
    const res = await api('/healthz')
    expect(res.status).toBe(200)
  })

  it('creates a board with an unguessable id and an absolute link, and describes it', async () => {
    const res = await post('/api/boards', JSON.stringify({ title: '  Getting help  ' }), {
      'Content-Type': 'application/json',
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as Record<string, unknown>
    expect(created).toEqual({
      id: expect.stringMatching(BOARD_ID_PATTERN),
      title: 'Getting help',
      createdAt: expect.any(Number),
      url: `${suite.server.url}/b/${created.id}`,
    })

    const got = await api(`/api/boards/${created.id}`)
    expect(got.status).toBe(200)
    expect(await got.json()).toEqual({
      id: created.id,
      title: 'Getting help',
      createdAt: created.createdAt,
    })
  })

  it.each([
    ['not JSON', '{"title": ', /not valid JSON/],
    ['no title', '{}', /give the board a title/],
    ['an array', '[]', /JSON object/],
  ])('refuses a create request with %s with 400 and a plain message', async (_n, body, error) => {
    const res = await post('/api/boards', body, JSON_TYPE)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: expect.stringMatching(error) })
  })

  it('refuses an oversized JSON body with 413', async () => {
    const res = await post('/api/boards', JSON.stringify({ title: 'x'.repeat(100_000) }), JSON_TYPE)
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ error: expect.any(String) })
  })

  it.each([
    ['GET', '/api/boards/abcdefghijklmnopqrstuv', 404],
    ['GET', '/api/boards/..%2F..%2Fetc', 404],
    ['GET', '/api/nothing-here', 404],
    ['DELETE', '/api/boards', 405],
    ['GET', '/api/boards', 405],
    ['PUT', '/api/boards/abcdefghijklmnopqrstuv', 405],
    ['POST', '/healthz', 405],
  ])('answers %s %s with %i and an error sentence', async (method, path, status) => {
    const res = await api(path, { method })
    expect(res.status).toBe(status)
    const body = (await res.json()) as { error: string }
    expect(body).toEqual({ error: expect.stringMatching(/^[A-Z].*\.$/) })
    if (status === 405) expect(res.headers.get('allow')).toBeTruthy()
  })

  it('tells the client whether links can be shared with the room', async () => {
    const res = await api('/api/server-info')
    expect(await res.json()).toEqual({ shareOrigin: null })
  })

  it('stores a PNG and serves it back byte for byte with safe headers', async () => {
    const boardId = await createBoard(suite.server.url)
    const picture = png(5000)
    const res = await post(`/api/boards/${boardId}/assets`, picture, {
      'Content-Type': 'application/octet-stream',
    })
    expect(res.status).toBe(201)
    const { src } = (await res.json()) as { src: string }
    expect(src).toMatch(new RegExp(`^/api/boards/${boardId}/assets/[0-9a-f]{64}\\.png$`))

    const served = await api(src)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('cache-control')).toMatch(/immutable/)
    expect(served.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(picture)

    expect((await api(`/api/boards/${boardId}/assets/${'0'.repeat(64)}.png`)).status).toBe(404)
    expect((await api(`/api/boards/${boardId}/assets/..%2F..%2Fcommonmap.sqlite`)).status).toBe(404)
  })

  it('refuses an SVG with 415 even when it claims to be a PNG', async () => {
    const boardId = await createBoard(suite.server.url)
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    const res = await post(`/api/boards/${boardId}/assets`, svg, { 'Content-Type': 'image/png' })
    expect(res.status).toBe(415)
    expect(await res.json()).toEqual({
      error: 'Only PNG, JPEG, GIF and WebP pictures can be added to a board.',
    })
  })

  it('refuses a picture over the limit with 413, whether or not its size was announced', async () => {
    const boardId = await createBoard(suite.server.url)
    const res = await post(`/api/boards/${boardId}/assets`, png(MAX_ASSET_BYTES + 1), BYTES_TYPE)
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ error: expect.stringMatching(/too big.*98 KB/) })

    const big = png(MAX_ASSET_BYTES * 3)
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.byteLength; i += 16_384)
          controller.enqueue(big.slice(i, i + 16_384))
        controller.close()
      },
    })
    const streamed = await api(`/api/boards/${boardId}/assets`, {
      method: 'POST',
      headers: BYTES_TYPE,
      body: chunked,
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
  })

  it('refuses an upload to an unknown board with 404', async () => {
    const res = await post('/api/boards/abcdefghijklmnopqrstuv/assets', png(100), BYTES_TYPE)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: 'This board does not exist.' })
  })
})
