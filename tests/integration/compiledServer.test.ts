import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appRoot } from '../../server/appRoot'
import { buildServer } from '../../server/ensureBuilt'
import { connectClient } from '../helpers/connectClient'
import { createBoardWith, person } from '../helpers/createBoard'
import { waitFor } from '../helpers/waitFor'

/**
 * The server as `npm start` runs it: compiled, split into chunks that are imported only once a
 * board needs them. Tests elsewhere run the sources, so only this one loads those chunks.
 */
describe('the compiled server', () => {
  // Inside the install folder, as dist/server is: the chunks find packages and the app from there.
  const outdir = join(appRoot, 'dist', `server-test-${process.pid}`)
  const dataDir = mkdtempSync(join(tmpdir(), 'commonmap-compiled-'))
  let child: ChildProcess | undefined
  let url = ''

  beforeAll(async () => {
    await buildServer(outdir)
    const server = spawn(process.execPath, [join(outdir, 'main.mjs')], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    })
    child = server
    let stdout = ''
    server.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    url = await waitFor(() => /Commonmap is running at (\S+)/.exec(stdout)?.[1], {
      timeoutMs: 60_000,
      what: 'the compiled server to start',
    })
  }, 120_000)

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(outdir, { recursive: true, force: true })
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('makes a board, opens it with its plug-ins and exports it, loading what boards need', async () => {
    const created = await createBoardWith(url, {
      title: 'Housing',
      template: 'co-design',
      creator: person('Priya', 'practitioner'),
    })
    const client = await connectClient(url, created.id, { token: created.creator?.token })
    try {
      // The template's records, the schema the board-records plug-in states and the creator
      // credited by the ledger plug-in: every plug-in chunk was loaded and ran.
      expect(client.records.map.size).toBeGreaterThan(0)
      await waitFor(
        () => client.state.get('schema').size > 0 && client.state.get('attribution').size > 0,
        {
          what: 'the server state from the plug-ins',
        },
      )
    } finally {
      client.close()
    }
    const exported = await fetch(`${url}/api/boards/${created.id}/export/tldr`)
    expect(exported.status).toBe(200)
    expect((await exported.text()).length).toBeGreaterThan(0)
  }, 120_000)
})
