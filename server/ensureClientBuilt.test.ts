import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clientBuildIsStale } from './ensureClientBuilt'

describe('clientBuildIsStale', () => {
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
    expect(clientBuildIsStale(root)).toBe(true)
  })

  it('is fresh when the build is newer than every source, and stale after a source changes', () => {
    touch('client/src/App.tsx', 100)
    touch('shared/roles.ts', 90)
    touch('dist/client/index.html', 50)
    expect(clientBuildIsStale(root)).toBe(false)
    touch('shared/roles.ts', 10)
    expect(clientBuildIsStale(root)).toBe(true)
  })
})
