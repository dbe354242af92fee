import { spawnSync } from 'node:child_process'
import { availableParallelism, cpus } from 'node:os'

/** Which core the servers run on; the harness takes the other, so neither steals from the other. */
const SERVER_CPU = 0
const HARNESS_CPU = 1

/** How the bench keeps the server and the harness off each other's core. */
export interface CpuPinning {
  /** True when the server and the harness each have a core of their own. */
  readonly pinned: boolean
  /** One line for the report: how they were placed, or why they could not be. */
  readonly note: string
  /** The command and arguments that start `command` on the server's core. */
  serverCommand(command: string, args: readonly string[]): [string, string[]]
}

/**
 * Moves this process (all its threads, `-a`) to the harness core and returns how to start
 * servers on the other one. Without `taskset` or a second core, everything runs unpinned and
 * the report says so: the figures are then harness and server competing for the same cores.
 */
export function pinHarness(): CpuPinning {
  const unpinned = (why: string): CpuPinning => ({
    pinned: false,
    note: `unpinned (${why}): server and harness share the cores`,
    serverCommand: (command, args) => [command, [...args]],
  })
  if (availableParallelism() < 2) return unpinned('fewer than 2 cores')
  const pin = spawnSync('taskset', ['-a', '-cp', String(HARNESS_CPU), String(process.pid)])
  if (pin.error || pin.status !== 0) return unpinned('taskset is missing or failed')
  return {
    pinned: true,
    note: `server on CPU ${SERVER_CPU}, harness on CPU ${HARNESS_CPU} (taskset)`,
    serverCommand: (command, args) => ['taskset', ['-c', String(SERVER_CPU), command, ...args]],
  }
}

/**
 * Runs `work` with this process, and whatever it starts meanwhile, on every core, then puts it
 * back on the cores it had. For the phone's page load: Chromium's 4× CPU slowdown stands for a
 * phone's slower core, and the phone's other cores (its network stack, its browser process) are
 * its own, not the harness's one core shared with Chromium's browser process, the test server
 * and Playwright.
 */
export async function onAllCores<T>(work: () => Promise<T>): Promise<T> {
  const pid = String(process.pid)
  const shown = spawnSync('taskset', ['-p', pid], { encoding: 'utf8' })
  const mask = /affinity mask: ([0-9a-f]+)/.exec(shown.stdout ?? '')?.[1]
  if (!mask) return work()
  // Not availableParallelism(): that counts the cores this process may use now, one.
  spawnSync('taskset', ['-a', '-cp', `0-${cpus().length - 1}`, pid])
  try {
    return await work()
  } finally {
    spawnSync('taskset', ['-a', '-p', mask, pid])
  }
}
