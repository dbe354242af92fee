// Runs in a worker thread (see CheckpointWorker.ts). Plain JavaScript, so it starts the same
// under node, tsx and vitest without any TypeScript loader.
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'

// Its own connection to the board file: a checkpoint copies the write-ahead log into the
// database and fsyncs it, which can take 100 ms; here it never holds up the thread that relays.
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')

function checkpoint() {
  try {
    // PASSIVE: copies what no reader still needs and never waits for, or blocks, a writer.
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (error) {
    parentPort.postMessage({ error: String(error?.message ?? error) })
  }
}

const timer = setInterval(checkpoint, workerData.everyMs)

parentPort.on('message', (message) => {
  if (message !== 'stop') return
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort.postMessage({ stopped: true })
})
