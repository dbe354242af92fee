import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Metafile } from 'esbuild'
import packageJson from '../package.json'
import {
  buildIsStale,
  buildServer,
  CLIENT_BUILD,
  SERVER_BUILD,
  SERVER_NODE_OPTIONS,
} from './ensureBuilt'

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

describe('SERVER_NODE_OPTIONS', () => {
  it('are the options npm start runs the compiled server with', () => {
    const [, run] = packageJson.scripts.start.split(' && ')
    expect(run).toBe(['node', ...SERVER_NODE_OPTIONS, SERVER_BUILD.output].join(' '))
  })
})

describe('buildServer', () => {
  let outdir: string
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), 'commonmap-server-build-'))
  })
  afterEach(() => rmSync(outdir, { recursive: true, force: true }))

  /**
   * The packages whose code runs when the server starts: those the entry and the chunks it
   * imports statically import from node_modules, and those bundled into them.
   */
  function packagesLoadedAtStart(metafile: Metafile, entry: string): Set<string> {
    const packages = new Set<string>()
    const seen = new Set<string>()
    const visit = (output: string) => {
      if (seen.has(output)) return
      seen.add(output)
      const { inputs, imports } = metafile.outputs[output] ?? { inputs: {}, imports: [] }
      for (const input of Object.keys(inputs)) {
        const bundled = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]
        if (bundled) packages.add(bundled)
      }
      for (const imported of imports) {
        if (imported.kind !== 'import-statement') continue
        if (imported.external) packages.add(imported.path)
        else visit(imported.path)
      }
    }
    visit(entry)
    return packages
  }

  it('leaves what only boards need out of what the server loads at start-up', async () => {
    const metafile = await buildServer(outdir)
    const entry = Object.keys(metafile.outputs).find((output) => output.endsWith('/main.mjs'))
    expect(entry).toBeDefined()
    const atStart = packagesLoadedAtStart(metafile, entry as string)
    // What every server needs is there, imported or bundled, so the walk above does follow
    // the imports…
    expect(atStart).toContain('better-sqlite3')
    expect(atStart).toContain('@tldraw/validate')
    // …and tldraw's schema packages (about 20 MB resident) come only with a board.
    for (const onlyForBoards of ['@tldraw/tlschema', '@tldraw/store', 'papaparse', 'fflate']) {
      expect(atStart).not.toContain(onlyForBoards)
    }
  }, 60_000)
})
