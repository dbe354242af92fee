import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { CloseCode } from '../shared/closeCodes'
import {
  boardFileJson,
  embeddedInfo,
  importBoardFile,
  ONE_PIXEL_PNG_DATA_URL,
  pictureAsset,
} from '../tests/helpers/boardFiles'
import { connectClient } from '../tests/helpers/connectClient'
import { createBoard, person } from '../tests/helpers/createBoard'
import { waitFor } from '../tests/helpers/waitFor'
import { createCommonmapServer, type CommonmapServerOptions } from './createCommonmapServer'
import { silentLogger } from './logger'
import { FileAssetStore } from './storage/FileAssetStore'
import { MemoryStorage } from './storage/MemoryStorage'

describe('createCommonmapServer', () => {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function start(options: Partial<CommonmapServerOptions> = {}) {
    const assetsDir = mkdtempSync(join(tmpdir(), 'commonmap-embed-'))
    const server = await createCommonmapServer({
      storage: new MemoryStorage(),
      assets: new FileAssetStore(assetsDir),
      port: 0,
      logger: silentLogger,
      ...options,
    })
    cleanups.push(
      () => rmSync(assetsDir, { recursive: true, force: true }),
      () => server.close(),
    )
    return server
  }

  it('removes the pictures of an imported board again when storing the board fails', async () => {
    class FullDisk extends MemoryStorage {
      override async createBoard(): Promise<void> {
        throw new Error('SQLITE_FULL: database or disk is full')
      }
    }
    const assetsDir = mkdtempSync(join(tmpdir(), 'commonmap-assets-'))
    cleanups.push(() => rmSync(assetsDir, { recursive: true, force: true }))
    const server = await start({ storage: new FullDisk(), assets: new FileAssetStore(assetsDir) })
    const photo = pictureAsset(ONE_PIXEL_PNG_DATA_URL)
    const file = boardFileJson([photo], embeddedInfo('With a photo', 1, {}))
    const res = await importBoardFile(server.url, file, person('Priya'))
    expect(res.status).toBe(500)
    expect(readdirSync(assetsDir)).toEqual([])
  })

  it('listens on a free port and reports a loopback URL with nothing to share', async () => {
    const server = await start()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.shareOrigin).toBeNull()
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('hands every request that is not for the API to serveClient', async () => {
    const seen: string[] = []
    const server = await start({
      serveClient: (req, res) => {
        seen.push(req.url ?? '')
        res.end('app')
      },
    })
    expect(await (await fetch(`${server.url}/b/abcdefghijklmnopqrstuv`)).text()).toBe('app')
    expect((await fetch(`${server.url}/api/unknown`)).status).toBe(404)
    expect(seen).toEqual(['/b/abcdefghijklmnopqrstuv'])
  })

  it('answers 404 outside the API when there is no client to serve', async () => {
    const server = await start()
    const res = await fetch(`${server.url}/`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: expect.any(String) })
  })

  it('leaves WebSocket upgrades on other paths to other listeners (Vite in development)', async () => {
    const server = await start()
    const other = new WebSocketServer({ noServer: true })
    cleanups.push(() => other.close())
    server.httpServer.on('upgrade', (req, socket, head) => {
      if (req.url === '/vite-hmr') other.handleUpgrade(req, socket, head, (ws) => ws.send('hi'))
    })
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/vite-hmr`)
    cleanups.push(() => socket.terminate())
    const message = await new Promise((resolve) =>
      socket.once('message', (d) => resolve(String(d))),
    )
    expect(message).toBe('hi')
  })

  it('closes board sockets with 1012 and stops listening on close', async () => {
    const server = await start({ roomIdleMs: 10 })
    const boardId = await createBoard(server.url)
    const client = await connectClient(server.url, boardId)
    cleanups.push(() => client.close())
    await server.close()
    await waitFor(() => client.closeCodes.includes(CloseCode.ServiceRestart), {
      what: 'a 1012 close',
    })
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()
  })
})
