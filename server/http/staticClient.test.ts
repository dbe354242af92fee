import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createStaticClientHandler } from './staticClient'

describe('createStaticClientHandler', () => {
  let dir: string
  let server: Server | undefined
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'commonmap-static-'))
  })
  afterEach(async () => {
    server?.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
    server = undefined
    rmSync(dir, { recursive: true, force: true })
  })

  async function serve(): Promise<string> {
    const handler = createStaticClientHandler(join(dir, 'client'))
    server = createServer(handler)
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('serves index.html for the app routes and hashed assets with immutable caching', async () => {
    mkdirSync(join(dir, 'client', 'assets'), { recursive: true })
    writeFileSync(join(dir, 'client', 'index.html'), '<!doctype html><title>app</title>')
    writeFileSync(join(dir, 'client', 'assets', 'index-abc123.js'), 'console.log(1)')
    const origin = await serve()

    for (const path of ['/', '/b/abcdefghijklmnopqrstuv']) {
      const res = await fetch(origin + path)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('<title>app</title>')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      // The browser itself refuses to contact any other host.
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'")
    }
    const asset = await fetch(`${origin}/assets/index-abc123.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')

    const missing = await fetch(`${origin}/assets/missing.js`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: expect.any(String) })
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405)
    expect((await fetch(`${origin}/../../etc/passwd`)).status).not.toBe(500)
  })

  it("sends a board's address the board page, which asks for the board and its scripts at once", async () => {
    mkdirSync(join(dir, 'client'), { recursive: true })
    writeFileSync(join(dir, 'client', 'index.html'), '<!doctype html><title>app</title>')
    const choose = 'openBoardPage({"simple":{}})'
    writeFileSync(
      join(dir, 'client', 'board.html'),
      `<!doctype html><script>${choose}</script><title>board</title>`,
    )
    const origin = await serve()
    // The browser runs board.html's inline script, and only that one: allowed by its hash.
    const chooseHash = `'sha256-${createHash('sha256').update(choose).digest('base64')}'`

    for (const path of ['/b/abcdefghijklmnopqrstuv', '/b/abcdefghijklmnopqrstuv/']) {
      const res = await fetch(origin + path)
      expect(await res.text()).toContain('<title>board</title>')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(res.headers.get('content-security-policy')).toContain(
        `script-src 'self' ${chooseHash};`,
      )
      // The board's lookup starts with the page, not after its scripts.
      expect(res.headers.get('link')).toBe(
        '</api/boards/abcdefghijklmnopqrstuv>; rel=preload; as=fetch; crossorigin',
      )
    }
    for (const path of ['/', '/b/', '/b/abcdefghijklmnopqrstuv/more']) {
      const res = await fetch(origin + path)
      expect(await res.text()).toContain('<title>app</title>')
      expect(res.headers.get('link')).toBeNull()
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self';")
    }
  })

  it("sends the build's brotli or gzipped copy of a script, as the browser accepts", async () => {
    mkdirSync(join(dir, 'client', 'assets'), { recursive: true })
    writeFileSync(join(dir, 'client', 'index.html'), '<!doctype html><title>app</title>')
    const script = join(dir, 'client', 'assets', 'index-abc123.js')
    writeFileSync(script, 'console.log(1)')
    writeFileSync(`${script}.gz`, gzipSync('console.log("gzip")'))
    writeFileSync(`${script}.br`, brotliCompressSync('console.log("brotli")'))
    const origin = await serve()

    const sent = async (acceptEncoding: string) => {
      const res = await fetch(`${origin}/assets/index-abc123.js`, {
        headers: { 'Accept-Encoding': acceptEncoding },
      })
      return [res.headers.get('content-encoding'), await res.text()]
    }
    expect(await sent('gzip, deflate, br')).toEqual(['br', 'console.log("brotli")'])
    expect(await sent('gzip, deflate')).toEqual(['gzip', 'console.log("gzip")'])
    expect(await sent('identity')).toEqual([null, 'console.log(1)'])
  })

  it('explains that the app has not been built when there is no build', async () => {
    const origin = await serve()
    const res = await fetch(`${origin}/`)
    expect(res.status).toBe(503)
    expect(await res.text()).toMatch(/has not been built yet/)
    expect((await fetch(`${origin}/b/abcdefghijklmnopqrstuv`)).status).toBe(503)
    expect((await fetch(`${origin}/favicon.ico`)).status).toBe(404)
  })
})
