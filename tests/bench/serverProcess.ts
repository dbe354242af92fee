import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import packageJson from '../../package.json'
import { SERVER_BUILD, SERVER_NODE_OPTIONS } from '../../server/ensureBuilt'
import { createBoard, joinBoard, person } from '../helpers/createBoard'
import { GENEROUS_LIMITS } from '../helpers/startServer'
import type { CpuPinning } from './cpuPinning'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/**
 * The servers the bench compares. `commonmap-no-ledger` is Commonmap started with its
 * benchmarking switch `COMMONMAP_BENCH_WITHOUT_LEDGER=1`: identical but for the contribution
 * ledger, so the latency scenario can report what the ledger costs.
 */
export type ServerKind = 'commonmap' | 'commonmap-no-ledger' | 'reference' | 'hocuspocus'

/** How a server's sockets carry the y-websocket messages. */
export type Protocol =
  /** One room per socket, named in the URL; every frame a y-websocket message. */
  | 'y-websocket'
  /**
   * Hocuspocus: a socket may carry several documents, so every frame starts with the document's
   * name, and each document is opened with an authentication message first.
   */
  | 'hocuspocus'

/** What the report, the clients and the delivery counts need to know about each server. */
export interface ServerTraits {
  readonly name: string
  readonly protocol: Protocol
  /** It sends each document update to every connection of the room, the sender's included. */
  readonly echoesDocUpdates: boolean
  /**
   * Commonmap itself: boards are created and joined through its API, every socket presents a
   * participant token, and a client is synced once it has both the document and the server
   * state. The other servers take any room name and no token.
   */
  readonly commonmap: boolean
  /**
   * It drops a document from memory when the room's last connection leaves. Without storage,
   * that document is then gone: a scenario that needs a board to stay keeps a client on it.
   */
  readonly dropsEmptyRooms: boolean
}

const devDependencies: Record<string, string> = packageJson.devDependencies

export const SERVERS: Record<ServerKind, ServerTraits> = {
  commonmap: {
    name: 'Commonmap',
    protocol: 'y-websocket',
    echoesDocUpdates: false,
    commonmap: true,
    dropsEmptyRooms: false,
  },
  'commonmap-no-ledger': {
    name: 'Commonmap without the ledger',
    protocol: 'y-websocket',
    echoesDocUpdates: false,
    commonmap: true,
    dropsEmptyRooms: false,
  },
  // Its updateHandler sends each update to every connection of the room, the sender's included;
  // without persistence it keeps every document in memory for good.
  reference: {
    name: `@y/websocket-server ${devDependencies['@y/websocket-server']}`,
    protocol: 'y-websocket',
    echoesDocUpdates: true,
    commonmap: false,
    dropsEmptyRooms: false,
  },
  // Document.broadcast sends to every connection, the sender's included; with no storage hook
  // it unloads a document as soon as its last connection closes.
  hocuspocus: {
    name: `Hocuspocus ${devDependencies['@hocuspocus/server']}`,
    protocol: 'hocuspocus',
    echoesDocUpdates: true,
    commonmap: false,
    dropsEmptyRooms: true,
  },
}

/** One stderr line of a server: Commonmap's JSON log lines parsed, anything else as `text`. */
export type ServerLogLine = Readonly<Record<string, unknown>>

/** Where {@link ServerProcess.waitForLog} starts looking, and for how long it waits. */
export interface LogWait {
  readonly after: number
  readonly timeoutMs: number
}

/** A stderr line and its position among the process's lines. */
export interface LoggedLine {
  readonly index: number
  readonly line: ServerLogLine
}

/** True for Commonmap's log line `event` about board `boardId`. */
export function isBoardEvent(event: string, boardId: string): (line: ServerLogLine) => boolean {
  return (line) => line.event === event && line.boardId === boardId
}

/** A server process under test. */
export interface ServerProcess {
  readonly kind: ServerKind
  /** e.g. `http://127.0.0.1:41234`. */
  readonly url: string
  /** The server's own pid (taskset execs it, so this is node, not a wrapper). */
  readonly pid: number
  /** `performance.now()` when the current process was spawned. */
  readonly spawnedAt: number
  /**
   * A new, empty room to join: a board created through the API on Commonmap (sockets may only
   * join boards that exist); any fresh name on the other servers.
   */
  createRoom(): Promise<string>
  /**
   * A token for a new participant of `room` (Commonmap refuses sockets without one), or
   * undefined for the other servers, which have no participants.
   */
  tokenFor(room: string, n: number): Promise<string | undefined>
  /** How many stderr lines the current process has written: a mark for {@link waitForLog}. */
  logMark(): number
  /** The current process's stderr lines from `mark` (a {@link logMark}) on. */
  logsSince(mark: number): readonly ServerLogLine[]
  /**
   * The first stderr line of the current process from `after` (a {@link logMark}) on that
   * `match` accepts, as soon as it is written; undefined if none comes within `timeoutMs`.
   */
  waitForLog(
    match: (line: ServerLogLine) => boolean,
    wait: LogWait,
  ): Promise<LoggedLine | undefined>
  /** Stops the process gracefully (SIGTERM) and starts a new one on the same data folder. */
  restart(): Promise<void>
  /** Stops the process and deletes its data folder. */
  stop(): Promise<void>
}

/** What a load scenario needs of a server: one process, or a cluster behind its proxy. */
export type WorkloadTarget = Pick<ServerProcess, 'kind' | 'url' | 'pid' | 'createRoom' | 'tokenFor'>

/** Options of {@link startServerProcess}. */
export interface ServerProcessOptions {
  readonly kind: ServerKind
  readonly pinning: CpuPinning
  /** Write V8 CPU profiles of the server here (`--cpu-prof`); Commonmap only. */
  readonly cpuProfileDir?: string
  /** Log how long the event loop was held every 250 ms (eventLoopProbe.mjs); Commonmap only. */
  readonly probeEventLoop?: boolean
}

const GRACEFUL_STOP_MS = 5000

// Servers must not outlive the bench, whether it ends, fails or is interrupted: the 'exit'
// handler runs on every path out (run.ts turns Ctrl-C into process.exit).
const running = new Map<ChildProcess, string>()
process.once('exit', () => {
  for (const [child, dataDir] of running) {
    child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  }
})

/**
 * Starts Commonmap (compiled, PORT=0, a fresh DATA_DIR), the reference server
 * (`@y/websocket-server`, documents in memory) or Hocuspocus (`hocuspocusServer.mjs`, documents
 * in memory) on loopback, on the server core, and waits until it listens.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'commonmap-bench-'))
  let current = await launch(options, dataDir)
  return {
    kind: options.kind,
    get url() {
      return current.url
    },
    get pid() {
      return current.pid
    },
    get spawnedAt() {
      return current.spawnedAt
    },
    createRoom: () => createRoomOn(options.kind, current.url),
    tokenFor: (room, n) => tokenOn(options.kind, current.url, room, n),
    logMark: () => current.lines.length,
    logsSince: (mark) => current.lines.slice(mark),
    waitForLog: (match, wait) => current.waitForLog(match, wait),
    async restart() {
      await current.stop('SIGTERM')
      current = await launch(options, dataDir)
    },
    async stop() {
      await current.stop('SIGTERM')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A {@link ServerProcess}'s `createRoom` on the `kind` server at `url`. */
export async function createRoomOn(kind: ServerKind, url: string): Promise<string> {
  return SERVERS[kind].commonmap
    ? createBoard(url, 'Bench board')
    : randomBytes(16).toString('base64url')
}

/** A {@link ServerProcess}'s `tokenFor` on the `kind` server at `url`. */
export async function tokenOn(
  kind: ServerKind,
  url: string,
  room: string,
  n: number,
): Promise<string | undefined> {
  return SERVERS[kind].commonmap
    ? (await joinBoard(url, room, person(`Bench ${n}`, 'practitioner'))).token
    : undefined
}

interface Launched {
  readonly url: string
  readonly pid: number
  readonly spawnedAt: number
  readonly lines: readonly ServerLogLine[]
  waitForLog: ServerProcess['waitForLog']
  stop(signal: NodeJS.Signals): Promise<void>
}

async function launch(options: ServerProcessOptions, dataDir: string): Promise<Launched> {
  const { command, args, env, ready } = await commandFor(options, dataDir)
  const [file, argv] = options.pinning.serverCommand(command, args)
  const spawnedAt = performance.now()
  const child = spawn(file, argv, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.set(child, dataDir)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child)
      resolve()
    }),
  )

  // Kept whole: the servers log a few lines per room, not per message.
  const lines: ServerLogLine[] = []
  const waiters = new Set<() => void>()
  createInterface({ input: child.stderr }).on('line', (text) => {
    lines.push(parseLogLine(text))
    for (const waiter of waiters) waiter()
  })
  const diedWith = () =>
    new Error(`${options.kind} server exited: ${JSON.stringify(lines.slice(-20))}`)

  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    void exited.then(() => reject(diedWith()))
  })
  const url = ready(firstLine)
  if (!url) throw new Error(`${options.kind} server said "${firstLine}" instead of its address`)

  return {
    url,
    pid: child.pid as number,
    spawnedAt,
    lines,
    waitForLog(match, { after, timeoutMs }) {
      return new Promise((resolve, reject) => {
        let next = after
        const settle = (result: () => void) => {
          clearTimeout(timer)
          waiters.delete(check)
          result()
        }
        const check = () => {
          for (; next < lines.length; next++) {
            const line = lines[next] as ServerLogLine
            const index = next
            if (match(line)) return settle(() => resolve({ index, line }))
          }
        }
        const timer = setTimeout(() => settle(() => resolve(undefined)), timeoutMs)
        waiters.add(check)
        void exited.then(() => settle(() => reject(diedWith())))
        check()
      })
    },
    async stop(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill(signal)
      const killer = setTimeout(() => child.kill('SIGKILL'), GRACEFUL_STOP_MS)
      await exited
      clearTimeout(killer)
    },
  }
}

interface ServerCommand {
  readonly command: string
  readonly args: string[]
  readonly env: Record<string, string>
  /** The server's URL from its first stdout line, or undefined if the line is not the one. */
  ready(firstLine: string): string | undefined
}

async function commandFor(options: ServerProcessOptions, dataDir: string): Promise<ServerCommand> {
  switch (options.kind) {
    case 'commonmap':
    case 'commonmap-no-ledger': {
      const profile = options.cpuProfileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
        : []
      const probe = options.probeEventLoop
        ? ['--import', fileURLToPath(new URL('eventLoopProbe.mjs', import.meta.url))]
        : []
      return {
        command: process.execPath,
        // As `npm start` runs it: compiled, with plain Node (run.ts builds it first).
        args: [...SERVER_NODE_OPTIONS, ...profile, ...probe, SERVER_BUILD.output],
        env: {
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          // Every bench client comes from this one address: the per-address limits would cut
          // the many-boards scenario's 200 boards to 20 a minute.
          ...GENEROUS_LIMITS,
          ...(options.kind === 'commonmap-no-ledger' && { COMMONMAP_BENCH_WITHOUT_LEDGER: '1' }),
        },
        ready: (line) => /^Commonmap is running at (http:\/\/\S+)$/.exec(line)?.[1],
      }
    }
    case 'reference': {
      // It prints the port it was given, so port 0 would leave us without its address.
      const port = await freePort()
      return {
        command: process.execPath,
        args: ['node_modules/@y/websocket-server/src/server.js'],
        env: { PORT: String(port), HOST: '127.0.0.1' },
        ready: (line) => (line.startsWith('running at') ? `http://127.0.0.1:${port}` : undefined),
      }
    }
    case 'hocuspocus':
      return {
        command: process.execPath,
        args: [fileURLToPath(new URL('hocuspocusServer.mjs', import.meta.url))],
        env: { PORT: '0', HOST: '127.0.0.1' },
        ready: (line) => /^Hocuspocus is running at (http:\/\/\S+)$/.exec(line)?.[1],
      }
  }
}

function parseLogLine(text: string): ServerLogLine {
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed && typeof parsed === 'object') return parsed as ServerLogLine
  } catch {
    // Not JSON: the reference server and Hocuspocus log plain text.
  }
  return { text }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
    })
  })
}
