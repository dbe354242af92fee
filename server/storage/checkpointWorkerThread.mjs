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
    // `log` is how many frames the log held when it began, `checkpointed` how many are copied.
    const [{ busy, log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage({ checkpoint: { busy, log, checkpointed } })
  } catch (error) {
    parentPort.postMessage({ error: String(error?.message ?? error) })
  }
}

// The main thread asks for each checkpoint (CheckpointWorker), and for the last one on stopping.
parentPort.on('message', (message) => {
  checkpoint()
  if (message !== 'stop') return
  db.close()
  parentPort.postMessage({ stopped: true })
})
