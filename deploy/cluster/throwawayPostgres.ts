import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/** Where Debian's PostgreSQL 15 keeps its programs (`apt-get install postgresql`). */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin'

/** A PostgreSQL server of its own in a temporary folder, on a free port, for one run. */
export interface ThrowawayPostgres {
  /** `postgres://` address of its `commonmap` database. */
  readonly url: string
  readonly port: number
  /** Makes another empty database on the same server; returns its address. */
  createDatabase(name: string): Promise<string>
  /** Drops a database made with {@link createDatabase}. */
  dropDatabase(name: string): Promise<void>
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>
}

/** Options of {@link startThrowawayPostgres}. */
export interface ThrowawayPostgresOptions {
  /**
   * Leave out fsync (default false). Only for tests, which check ownership and routing rather
   * than the disk, on a loaded machine: commits then do not wait for the disk.
   */
  readonly withoutFsync?: boolean
}

const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/** True when this machine has PostgreSQL's server programs. */
export function hasPostgres(): boolean {
  return existsSync(join(POSTGRES_BIN, 'postgres')) && existsSync(join(POSTGRES_BIN, 'initdb'))
}

/**
 * Starts a throwaway PostgreSQL cluster: initdb in a new temporary folder (trust
 * authentication, loopback only, its socket inside that folder), the server on a free port,
 * and a `commonmap` database. PostgreSQL refuses to run as root, so as root the cluster belongs
 * to the `postgres` user that Debian's package creates.
 */
export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  if (!hasPostgres()) {
    throw new Error(
      `PostgreSQL's programs are not in ${POSTGRES_BIN}: install them with apt-get install postgresql (or set POSTGRES_BIN).`,
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'commonmap-pg-'))
  const owner = process.getuid?.() === 0 ? userIds('postgres') : undefined
  if (owner) chownSync(dir, owner.uid, owner.gid)
  const data = join(dir, 'data')
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {}
  execFileSync(
    join(POSTGRES_BIN, 'initdb'),
    [
      '-D',
      data,
      '-U',
      'commonmap',
      '--auth=trust',
      '--encoding=UTF8',
      '--no-sync',
      '--no-instructions',
    ],
    { ...as, stdio: 'pipe', cwd: dir },
  )
  const port = await freePort()
  const settings = [
    `listen_addresses=127.0.0.1`,
    `unix_socket_directories=${dir}`,
    'max_connections=200',
    ...(options.withoutFsync
      ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']
      : []),
  ]
  const child = spawn(
    join(POSTGRES_BIN, 'postgres'),
    ['-D', data, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])],
    { ...as, stdio: ['ignore', 'ignore', 'pipe'], cwd: dir },
  )
  running.add(child)
  const log: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()))
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child)
      resolve()
    }),
  )
  const base = `postgres://commonmap@127.0.0.1:${port}`
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: `${base}/postgres` })
    await client.connect()
    try {
      return await work(client)
    } finally {
      await client.end()
    }
  }
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL did not start: ${log.join('')}`)
    try {
      await admin((client) => client.query('CREATE DATABASE commonmap'))
      break
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return {
    url: `${base}/commonmap`,
    port,
    async createDatabase(name) {
      await admin((client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`))
      return `${base}/${name}`
    },
    async dropDatabase(name) {
      await admin((client) =>
        client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
      )
    },
    async stop() {
      // SIGINT is PostgreSQL's "fast" shutdown: sessions are ended, nothing is waited for.
      if (child.exitCode === null) child.kill('SIGINT')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name]).toString().trim())
  return { uid: id('-u'), gid: id('-g') }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
