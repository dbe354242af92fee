import { spawn } from 'node:child_process'
import type { WorkloadTarget } from './serverProcess'
import type { WorkloadResult } from './workloadScenario'
import type { Workload } from './workloads'

/** What workloadHarness.ts is told: the server to load and the workload to run on it. */
export interface HarnessOrders extends Pick<WorkloadTarget, 'kind' | 'url' | 'pid'> {
  readonly workload: Workload
}

/**
 * Runs `workload` on `server` (as `runWorkload` does) from a harness process of its own,
 * started for this run and ended after it, on the harness's core (it inherits the bench's).
 * In one long-lived process each run inherited the heap of the runs before it: from the second
 * round on, the harness collected its heap in full three to eight times a run, 20–40 ms each,
 * and the latencies of a quiet workshop measured that (hostile scenario, p99 6–7 ms in its
 * first round, 14–32 ms in later ones).
 */
export function runWorkloadInFreshHarness(
  server: WorkloadTarget,
  workload: Workload,
): Promise<WorkloadResult> {
  const orders: HarnessOrders = { kind: server.kind, url: server.url, pid: server.pid, workload }
  const entry = new URL('workloadHarness.ts', import.meta.url).pathname
  const child = spawn(process.execPath, ['--import', 'tsx', entry, JSON.stringify(orders)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as WorkloadResult))
    child.once('exit', (code) => reject(new Error(`The workload's harness exited (${code})`)))
  })
}
