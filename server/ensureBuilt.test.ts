import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildIsStale, CLIENT_BUILD, SERVER_BUILD } from './ensureBuilt'

describe('buildIsStale', () => {
  let root: string
  const touch = (path: string, secondsAgo: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), 'x')
    const when = new Date(Date.now() - secondsAgo * 1000)
    utimesSync(join(root, path), when, when)
  }
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'commonmap-build-'))
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('is stale without a build', () => {
    touch('client/src/App.tsx', 100)
    expect(buildIsStale(CLIENT_BUILD, root)).toBe(true)
  })

  it('is fresh when the build is newer than every source, and stale after a source changes', () => {
    touch('client/src/App.tsx', 100)
    touch('shared/roles.ts', 90)
    touch('dist/client/index.html', 50)
    expect(buildIsStale(CLIENT_BUILD, root)).toBe(false)
    touch('shared/roles.ts', 10)
    expect(buildIsStale(CLIENT_BUILD, root)).toBe(true)
  })

  it('rebuilds the server when the server or what it shares changed, not the app', () => {
    touch('server/main.ts', 100)
    touch('dist/server/main.mjs', 50)
    expect(buildIsStale(SERVER_BUILD, root)).toBe(false)
    touch('client/src/App.tsx', 10)
    expect(buildIsStale(SERVER_BUILD, root)).toBe(false)
    touch('shared/roles.ts', 10)
    expect(buildIsStale(SERVER_BUILD, root)).toBe(true)
  })
})
