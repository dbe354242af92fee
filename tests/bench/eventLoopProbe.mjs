// Loaded into a Commonmap server the bench starts (`node --import`): every 250 ms it writes the
// longest the server's event loop was held in that time, as a JSON log line on stderr, so a
// scenario can say how long anything held every board's event loop. Bench-only: the server
// itself has no such switch.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { isMainThread } from 'node:worker_threads'

// Worker threads inherit `--import`, and theirs are meant to be held (an import's parsing runs
// there so that it never holds this one): only the main thread's loop serves every board.
if (isMainThread) {
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  setInterval(() => {
    process.stderr.write(
      `${JSON.stringify({ event: 'bench.event-loop', maxMs: delay.max / 1e6 })}\n`,
    )
    delay.reset()
  }, 250).unref()
}
