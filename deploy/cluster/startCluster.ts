import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { freePort, startThrowawayPostgres, type ThrowawayPostgres } from './throwawayPostgres'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** deploy/haproxy.cfg names three processes. */
export const CLUSTER_SIZE = 3

/**
 * HAProxy's program. Debian installs it in /usr/sbin, which is not on an ordinary user's PATH;
 * HAPROXY_BIN names another.
 */
const HAPROXY_BIN =
  process.env.HAPROXY_BIN ?? (existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy')

/** True when HAProxy is installed (`apt-get install haproxy`). */
export function hasHaproxy(): boolean {
  try {
    execFileSync(HAPROXY_BIN, ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** One Commonmap process of a cluster. */
export interface ClusterProcess {
  /** 1, 2 or 3: its `server commonmapN` line in deploy/haproxy.cfg. */
  readonly number: number
  /** Its own address, bypassing HAProxy. */
  readonly url: string
  /** Every stderr line of its current and earlier runs (JSON log lines, parsed where possible). */
  readonly logs: Record<string, unknown>[]
  /** The operating system's id of the running process (undefined while it is stopped). */
  readonly pid: number | undefined
  /** Sends a signal; resolves once the process has ended (SIGKILL, SIGTERM) or at once. */
  signal(signal: NodeJS.Signals): Promise<void>
  /** Starts it again on the same port, after it ended. */
  restart(): Promise<void>
  /** True when HAProxy currently sends it traffic (its health checks pass). */
  isUpInProxy(): Promise<boolean>
}

/** A throwaway PostgreSQL, three Commonmap processes sharing it, and HAProxy in front. */
export interface Cluster {
  /** HAProxy's address: what people open. */
  readonly url: string
  readonly postgres: ThrowawayPostgres
  readonly processes: readonly ClusterProcess[]
  /**
   * HAProxy's own lines, each with the time it was read: which process it marked down or up,
   * and why (a refused connection, a check not answered in time).
   */
  readonly proxyLog: readonly string[]
  /** Stops HAProxy, the processes and PostgreSQL, and deletes their folders. */
  stop(): Promise<void>
}

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  /** PostgreSQL without fsync (default false): for tests, never for boards people keep. */
  readonly withoutFsync?: boolean
  /** How each process is started by `node` (default: the server from source, through tsx). */
  readonly nodeArgs?: readonly string[]
  /** Extra environment for every process (e.g. BOARD_LEASE_MS, the per-address limits). */
  readonly env?: Record<string, string>
  /** Port HAProxy listens on (default: a free one). */
  readonly port?: number
}

const running = new Set<ChildProcess>()
// A run that crashes must not leave processes behind; a stopped one is continued so it can die.
process.once('exit', () => {
  for (const child of running) {
    child.kill('SIGCONT')
    child.kill('SIGKILL')
  }
})

/**
 * Starts a cluster on this machine, the way deploy/haproxy.cfg describes a real one: every
 * process with `DATABASE_URL` pointing at the same database and nothing on its own disk.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const postgres = await startThrowawayPostgres({ withoutFsync: options.withoutFsync })
  const scratch = mkdtempSync(join(tmpdir(), 'commonmap-cluster-'))
  const statsAddress = `127.0.0.1:${await freePort()}`
  const proxyPort = options.port ?? (await freePort())
  const listen = `127.0.0.1:${proxyPort}`
  const processes: ClusterProcess[] = []
  try {
    for (let number = 1; number <= CLUSTER_SIZE; number++) {
      processes.push(
        await startProcess(number, await freePort(), statsAddress, options.nodeArgs, {
          // As behind any reverse proxy: people's own addresses count for the per-address limits
          // (HAProxy forwards them), and pages served through HAProxy may change boards and
          // open their sockets (their origin is HAProxy's, not the process's).
          TRUST_PROXY: '1',
          ALLOWED_ORIGINS: `http://${listen},http://localhost:${proxyPort}`,
          ...options.env,
          DATABASE_URL: postgres.url,
          // Unused with PostgreSQL; set so that nothing ever lands in the working folder.
          DATA_DIR: join(scratch, `process-${number}`),
        }),
      )
    }
  } catch (error) {
    for (const started of processes) await started.signal('SIGKILL')
    await postgres.stop()
    throw error
  }
  const proxy = spawn(HAPROXY_BIN, ['-f', join(repoRoot, 'deploy', 'haproxy.cfg'), '-db'], {
    env: {
      ...process.env,
      COMMONMAP_LISTEN: listen,
      COMMONMAP_STATS: statsAddress,
      ...Object.fromEntries(
        processes.map((started) => [`COMMONMAP_${started.number}`, new URL(started.url).host]),
      ),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  running.add(proxy)
  const proxyLog: string[] = []
  createInterface({ input: proxy.stderr! }).on('line', (line) =>
    proxyLog.push(`${new Date().toISOString()} ${line}`),
  )
  const proxyExited = new Promise<void>((resolve) =>
    proxy.once('exit', () => {
      running.delete(proxy)
      resolve()
    }),
  )
  const url = `http://${listen}`
  const stop = async () => {
    if (proxy.exitCode === null) proxy.kill('SIGKILL')
    await proxyExited
    for (const started of processes) await started.signal('SIGKILL')
    await postgres.stop()
    rmSync(scratch, { recursive: true, force: true })
  }
  // Ready when HAProxy counts every process as up.
  const deadline = Date.now() + 30_000
  for (;;) {
    if (proxy.exitCode !== null) {
      await stop()
      throw new Error(`HAProxy did not start: ${proxyLog.join('\n')}`)
    }
    const up = await Promise.all(processes.map((started) => started.isUpInProxy()))
    if (up.every(Boolean)) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error('HAProxy did not see every Commonmap process as up within 30 s')
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { url, postgres, processes, proxyLog, stop }
}

async function startProcess(
  number: number,
  port: number,
  statsAddress: string,
  nodeArgs: readonly string[] = ['--import', 'tsx', 'server/main.ts'],
  env: Record<string, string>,
): Promise<ClusterProcess> {
  const logs: Record<string, unknown>[] = []
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()
  const url = `http://127.0.0.1:${port}`

  const launch = async () => {
    const started = spawn(process.execPath, [...nodeArgs], {
      cwd: repoRoot,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = started
    running.add(started)
    exited = new Promise((resolve) =>
      started.once('exit', () => {
        running.delete(started)
        resolve()
      }),
    )
    createInterface({ input: started.stderr! }).on('line', (line) => {
      try {
        logs.push({ ...(JSON.parse(line) as Record<string, unknown>), process: number })
      } catch {
        logs.push({ text: line, process: number })
      }
    })
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: started.stdout! }).once('line', resolve)
      void exited.then(() =>
        reject(new Error(`Commonmap process ${number} exited: ${JSON.stringify(logs)}`)),
      )
    })
    if (!firstLine.startsWith('Commonmap is running at')) {
      throw new Error(`Commonmap process ${number} said: ${firstLine}`)
    }
  }

  await launch()
  return {
    number,
    url,
    logs,
    get pid() {
      return child?.exitCode === null && child.signalCode === null ? child.pid : undefined
    },
    async signal(signal) {
      if (!child || child.exitCode !== null || child.signalCode !== null) return
      // A stopped process only acts on the signal once it runs again.
      if (signal === 'SIGKILL' || signal === 'SIGTERM') child.kill('SIGCONT')
      child.kill(signal)
      if (signal === 'SIGKILL' || signal === 'SIGTERM') await exited
    },
    restart: launch,
    async isUpInProxy() {
      const csv = await fetch(`http://${statsAddress}/;csv`)
        .then((response) => response.text())
        .catch(() => '')
      // Columns 0, 1 and 17 of HAProxy's CSV: backend, server, status.
      const rows = csv.split('\n').map((line) => line.split(','))
      const mine = rows.filter((row) => row[1] === `commonmap${number}`)
      return mine.length > 0 && mine.every((row) => row[17] === 'UP')
    },
  }
}
