import { loadavg } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { readProcStats } from './procStats'
import type { ServerKind, ServerProcess } from './serverProcess'

/** A fresh server with nothing loaded. */
export interface IdleResult {
  readonly server: ServerKind
  /** From spawning the process to its first successful answer at /healthz, in ms. */
  readonly readyMs: number
  /** Resident memory a moment after that, with no room loaded, in MB. */
  readonly rssMb: number
  /** The machine's one-minute load average at the time. */
  readonly loadAverage: number
}

/** How long after its first answer the server's memory is read: start-up work has settled. */
const SETTLE_MS = 2000
const HEALTH_TIMEOUT_MS = 30_000

/**
 * Times a just-started server (see `startServerProcess`) until it answers /healthz, then reads
 * its memory. The reference server and Hocuspocus answer any path with 200, which is as ready
 * as they get; Commonmap runs compiled, as `npm start` runs it.
 */
export async function runIdle(server: ServerProcess): Promise<IdleResult> {
  const loadAverage = loadavg()[0] ?? Number.NaN
  const deadline = performance.now() + HEALTH_TIMEOUT_MS
  let readyMs = Number.NaN
  while (Number.isNaN(readyMs)) {
    if (performance.now() > deadline) throw new Error(`${server.kind} never answered /healthz`)
    const ok = await fetch(`${server.url}/healthz`).then(
      (res) => res.ok,
      () => false,
    )
    if (ok) readyMs = performance.now() - server.spawnedAt
    else await sleep(5)
  }
  await sleep(SETTLE_MS)
  return { server: server.kind, readyMs, rssMb: readProcStats(server.pid).rssMb, loadAverage }
}
