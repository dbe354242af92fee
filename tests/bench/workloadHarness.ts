// One workload run's clients in a harness process of their own (freshHarness.ts starts it with
// the server and the workload as its one argument, and takes the result from its IPC channel).
import { createRoomOn, tokenOn, type WorkloadTarget } from './serverProcess'
import type { HarnessOrders } from './freshHarness'
import { runWorkload } from './workloadScenario'

// y-websocket adds a process 'exit' listener per provider; a workload opens hundreds at once.
process.setMaxListeners(0)
// The bench was stopped (Ctrl-C, or it failed): nobody is left to take the result.
process.once('disconnect', () => process.exit(1))

const { kind, url, pid, workload } = JSON.parse(process.argv[2] ?? '{}') as HarnessOrders
const target: WorkloadTarget = {
  kind,
  url,
  pid,
  createRoom: () => createRoomOn(kind, url),
  tokenFor: (room, n) => tokenOn(kind, url, room, n),
}
runWorkload(target, workload).then(
  (result) => process.send?.(result, () => process.exit(0)),
  (error: unknown) => {
    process.stderr.write(`The workload's harness failed: ${String(error)}\n`)
    process.exit(1)
  },
)
