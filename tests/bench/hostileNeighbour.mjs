// A worker thread of the hostile scenario: the hostile neighbour. In waves, one every two seconds
// (or when the last is done, if later), until told to stop, it sends one board what issue 11's
// attacks sent: five "adding for" messages as large as a frame may be, one frame of 8 MiB, one
// 30 MB hostile PNG to open as a board, twenty exports of the board, and one change as large as
// a message may carry; or only the `attacks` named (benchArgs.ts HOSTILE_ATTACKS). Everything it
// sends is made before (hostileScenario.ts). It answers with how each kind of attack was answered.
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { WebSocket } from 'ws'

// A real attacker is on another machine; here the attacks share the harness's core with the
// workshop's clients, whose timings are the figures. At the lowest priority (this thread only,
// on Linux) sending 30 MB uploads and reading twenty exports a wave cannot delay the workshop's
// clients: without it the harness's own event loop lagged 390 ms (p99) and the workshop's
// latency measured the harness, not the server.
setPriority(19)

const { importUrl, importHeaders, exportUrl, socketUrl, addingFor, hugeFrame, png, changes } =
  workerData
const attacks = new Set(workerData.attacks)
const WAVE_MS = 2000
const answers = {}
let stopping = false
parentPort.once('message', () => (stopping = true))

const count = (kind, answer) => {
  const key = `${kind} ${answer}`
  answers[key] = (answers[key] ?? 0) + 1
}

/** Opens a socket to the board, sends `frame` once it is open, and resolves with its close code. */
function sendFrame(frame) {
  return new Promise((resolve) => {
    const socket = new WebSocket(socketUrl)
    socket.on('error', () => {})
    socket.once('open', () => socket.send(frame, () => socket.close()))
    socket.once('close', (code) => resolve(code))
  })
}

let wave = 0
while (!stopping) {
  const started = performance.now()
  const change = changes[wave % changes.length]
  wave++
  const sending = {
    frames: () => [
      ...Array.from({ length: 5 }, () =>
        sendFrame(addingFor).then((code) => count('adding-for', code)),
      ),
      sendFrame(hugeFrame).then((code) => count('8 MiB frame', code)),
    ],
    change: () => [sendFrame(change).then((code) => count('largest change', code))],
    png: () => [
      fetch(importUrl, { method: 'POST', headers: importHeaders, body: png }).then(
        async (res) => {
          await res.arrayBuffer()
          count('png import', res.status)
        },
        () => count('png import', 'closed'),
      ),
    ],
    exports: () =>
      Array.from({ length: 20 }, () =>
        fetch(exportUrl).then(
          async (res) => {
            await res.arrayBuffer()
            count('export', res.status)
          },
          () => count('export', 'failed'),
        ),
      ),
  }
  await Promise.all(
    Object.entries(sending).flatMap(([attack, send]) => (attacks.has(attack) ? send() : [])),
  )
  const left = WAVE_MS - (performance.now() - started)
  if (left > 0 && !stopping) await new Promise((resolve) => setTimeout(resolve, left))
}
parentPort.postMessage({ waves: wave, answers })
