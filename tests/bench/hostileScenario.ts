import { spawn, type ChildProcess } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import type { HostileAttack } from './benchArgs'
import type { CpuPinning } from './cpuPinning'
import { NEIGHBOUR_READY, type NeighbourAnswers, type NeighbourOrders } from './neighbourOrders'
import { summarize, type Distribution } from './percentiles'
import type { ServerProcess } from './serverProcess'
import { runWorkloadInFreshHarness } from './freshHarness'
import type { WorkloadResult } from './workloadScenario'
import type { Workload } from './workloads'

/** The two runs of the hostile scenario: the workshop alone, and with a hostile neighbour. */
export type HostileKind = 'quiet' | 'neighbour'

/** One run of the workshop, with what `/healthz` and the server's event loop did meanwhile. */
export interface HostileResult {
  readonly kind: HostileKind
  readonly workshop: WorkloadResult
  /** `/healthz` asked every 10 ms through the whole run; a failed request counts as Infinity. */
  readonly healthMs: Distribution
  /** The longest the server's event loop was held in each 250 ms of the run. */
  readonly eventLoopMaxMs: Distribution
  /** Waves of attacks sent, and how each kind was answered (status or close code: count). */
  readonly neighbour: NeighbourAnswers | null
  /** What the neighbour sent each wave (`--attacks`); all of them unless asked otherwise. */
  readonly attacks: readonly HostileAttack[]
}

/**
 * Issue 11's "hostile neighbour": the 50-person workshop on one board, measured as the latency
 * scenario measures it, while (`neighbour`) another board on the same server receives issue
 * 11's attacks in waves (hostileNeighbour.ts) from the start of the workshop to its end, or
 * (`quiet`) nothing does. Both also time `/healthz` every 10 ms and record how long the server's
 * event loop was held (the server runs with eventLoopProbe.mjs).
 */
export async function runHostile(
  server: ServerProcess,
  kind: HostileKind,
  workload: Workload,
  attacks: ReadonlySet<HostileAttack>,
  pinning: CpuPinning,
): Promise<HostileResult> {
  // Ready before anything is timed: it opens its board and makes its 30 MB upload first.
  const neighbour =
    kind === 'neighbour'
      ? await startNeighbour({ serverUrl: server.url, attacks: [...attacks] }, pinning)
      : undefined
  const mark = server.logMark()
  const health = startWorker('healthPoller.mjs', server.url)
  let workshop: WorkloadResult
  try {
    workshop = await runWorkloadInFreshHarness(server, workload)
  } catch (error) {
    neighbour?.kill()
    throw error
  } finally {
    health.postMessage('stop')
  }
  const [healthMs, answers] = await Promise.all([
    answerOf<number[]>(health),
    neighbour ? stopNeighbour(neighbour) : null,
  ])
  const delays = server
    .logsSince(mark)
    .filter((line) => line.event === 'bench.event-loop')
    .map((line) => Number(line.maxMs))
  return {
    kind,
    workshop,
    healthMs: summarize(healthMs),
    eventLoopMaxMs: summarize(delays),
    neighbour: answers,
    attacks: [...attacks],
  }
}

/**
 * Starts the neighbour (hostileNeighbour.ts) in a process of its own, on the server's core at
 * the lowest priority, and resolves once it is ready to send its first wave. A real attacker is
 * on another machine: on the harness's core, the kernel's work for its uploads and downloads
 * would be the harness's; on the server's core, the server's machine handles its traffic, as it
 * would, and its own work yields to the server's.
 */
function startNeighbour(orders: NeighbourOrders, pinning: CpuPinning): Promise<ChildProcess> {
  const entry = new URL('hostileNeighbour.ts', import.meta.url).pathname
  const [command, args] = pinning.serverCommand('nice', [
    '-n',
    '19',
    process.execPath,
    '--import',
    'tsx',
    entry,
    JSON.stringify(orders),
  ])
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise((resolve, reject) => {
    child.once('message', (message) =>
      message === NEIGHBOUR_READY ? resolve(child) : reject(new Error(String(message))),
    )
    child.once('exit', (code) => reject(new Error(`The hostile neighbour exited (${code})`)))
  })
}

/** Tells the neighbour to stop after its current wave; resolves with its answers. */
function stopNeighbour(child: ChildProcess): Promise<NeighbourAnswers> {
  return new Promise((resolve, reject) => {
    child.once('message', (answers) => resolve(answers as NeighbourAnswers))
    child.once('exit', (code) => reject(new Error(`The hostile neighbour exited (${code})`)))
    child.send('stop')
  })
}

function startWorker(file: string, workerData: unknown): Worker {
  return new Worker(new URL(file, import.meta.url), { workerData })
}

/** The one message a worker answers with when told to stop; then it is ended. */
async function answerOf<T>(worker: Worker): Promise<T> {
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
  } finally {
    await worker.terminate()
  }
}
