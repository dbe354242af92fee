import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** Runs the server entry point with an environment that must make it stop at once. */
function runExpectingFailure(env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: repoRoot,
      // SQLite unless a test says otherwise, even when the suite runs against PostgreSQL.
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

const dataDir = mkdtempSync(join(tmpdir(), 'commonmap-startup-'))

describe('starting the server process', () => {
  let blocker: Server | undefined
  afterEach(() => blocker?.close())
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it.each([
    ['PORT', 'eighty', /^PORT must be a whole number from 0 to 65535/],
    ['HOST', 'http://x', /^HOST must be an address/],
    ['MAX_ASSET_BYTES', '-5', /^MAX_ASSET_BYTES must be a whole number of bytes/],
    ['DATABASE_URL', 'mysql://db/commonmap', /^DATABASE_URL must be a PostgreSQL address/],
  ])('stops with one plain sentence when %s=%s', async (name, value, sentence) => {
    const result = await runExpectingFailure({ [name]: value })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(sentence)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('says so plainly when the PostgreSQL database cannot be reached', async () => {
    const result = await runExpectingFailure({ DATABASE_URL: 'postgres://127.0.0.1:1/commonmap' })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(
      'Commonmap could not open the PostgreSQL database in DATABASE_URL; check that it is running',
    )
  })

  it('says so plainly when the port is taken', async () => {
    blocker = createServer()
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    const result = await runExpectingFailure({ PORT: String(port), HOST: '127.0.0.1' })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(`Port ${port} is already in use`)
  })
})
