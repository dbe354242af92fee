import { spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'

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
