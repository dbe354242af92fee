import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** How a server process ended. */
export interface ServerExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/** A real Commonmap server process, as `npx tsx server/main.ts` would start it. */
export interface TestServer {
  /** The URL from the server's one stdout line, e.g. `http://127.0.0.1:41234`. */
  readonly url: string
  /** The same origin with the ws: scheme. */
  readonly wsUrl: string
  /** The temporary data folder (kept across restarts, deleted by `stop`). */
  readonly dataDir: string
  /**
   * The server's own PostgreSQL database, when the tests run against PostgreSQL (see
   * {@link startServer}); undefined with SQLite in `dataDir`.
   */
  readonly databaseUrl: string | undefined
  /** Every stderr line so far (JSON log lines), parsed where possible. */
  readonly logs: Record<string, unknown>[]
  /** Sends a signal and resolves with how the process ended. */
  kill(signal: NodeJS.Signals): Promise<ServerExit>
  /** Starts a new process on the same data folder and port (after `kill`). */
  restart(): Promise<void>
  /** Kills the process if it runs and deletes the data folder. Always call it. */
  stop(): Promise<void>
}

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /**
   * Extra environment variables (PORT, HOST and DATA_DIR are set by the helper). The per-address
   * limits are raised by default ({@link GENEROUS_LIMITS}): every test client comes from one
   * address, and a test file makes more boards a minute than anyone would.
   */
  readonly env?: Record<string, string>
}

/** Per-address limits no test reaches unless it sets its own. */
export const GENEROUS_LIMITS: Record<string, string> = {
  BOARDS_PER_MINUTE: '100000',
  JOINS_PER_MINUTE: '100000',
  UPLOADS_PER_MINUTE: '100000',
  IMPORTS_PER_MINUTE: '100000',
  EXPORTS_PER_MINUTE: '100000',
}

const running = new Set<ChildProcess>()
// A test run that crashes must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/**
 * Spawns `node --import tsx server/main.ts` with PORT=0 and a fresh temporary DATA_DIR, and
 * waits for the "running at" line on stdout.
 *
 * With `DATABASE_URL` set in the tests' environment (`npm run test:postgres` sets it to a
 * throwaway PostgreSQL), each server gets a new, empty database of its own on that PostgreSQL
 * instead, dropped by `stop`: the same tests then run against the PostgreSQL backend.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'commonmap-it-'))
  // A test that names its database (or '' for SQLite) gets it; otherwise the suite's choice.
  const postgres =
    process.env.DATABASE_URL && options.env?.DATABASE_URL === undefined
      ? await createDatabase(process.env.DATABASE_URL)
      : undefined
  const logs: Record<string, unknown>[] = []
  let child: ChildProcess
  let exited: Promise<ServerExit>
  let url = ''

  const launch = async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: repoRoot,
      // A restart takes the port the first process was given, so open pages and clients that
      // keep retrying the old address find the new server, as they would in a workshop.
      env: {
        ...process.env,
        ...GENEROUS_LIMITS,
        ...options.env,
        PORT: url ? new URL(url).port : '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: postgres?.url ?? options.env?.DATABASE_URL ?? '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    running.add(child)
    exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(child)
        resolve({ code, signal })
      }),
    )
    createInterface({ input: child.stderr! }).on('line', (line) => {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>)
      } catch {
        logs.push({ text: line })
      }
    })
    const firstLine = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! })
      lines.once('line', resolve)
      void exited.then((exit) =>
        reject(new Error(`Server exited (${JSON.stringify(exit)}): ${JSON.stringify(logs)}`)),
      )
    })
    const match = /^Commonmap is running at (http:\/\/\S+)$/.exec(firstLine)
    if (!match?.[1]) throw new Error(`Unexpected first stdout line: ${firstLine}`)
    url = match[1]
  }

  await launch()
  const server: TestServer = {
    get url() {
      return url
    },
    get wsUrl() {
      return url.replace(/^http/, 'ws')
    },
    dataDir,
    databaseUrl: postgres?.url ?? (options.env?.DATABASE_URL || undefined),
    logs,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
    async restart() {
      await launch()
    },
    async stop() {
      await server.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
      await postgres?.drop()
    },
  }
  return server
}

/** A new database on the PostgreSQL server of `adminUrl` (whose user may create databases). */
async function createDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `commonmap_it_${randomBytes(6).toString('hex')}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}
