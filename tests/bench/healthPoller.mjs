// A worker thread of the hostile scenario: asks `/healthz` every 10 ms and times each answer, on
// a thread of its own so that the bench's clients do not delay the requests it times.
import { parentPort, workerData } from 'node:worker_threads'

const latencies = []
const pending = []
const timer = setInterval(() => {
  const started = performance.now()
  pending.push(
    fetch(`${workerData}/healthz`).then(
      async (res) => {
        await res.arrayBuffer()
        latencies.push(res.ok ? performance.now() - started : Infinity)
      },
      () => latencies.push(Infinity),
    ),
  )
}, 10)
parentPort.once('message', async () => {
  clearInterval(timer)
  await Promise.all(pending)
  parentPort.postMessage(latencies)
})
