// Runs in a worker thread (see MergeWorker.ts). Plain JavaScript that imports only yjs, so it
// starts the same under node, tsx and vitest without any TypeScript loader.
import { setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'

// Merging competes for the same cores as the thread that relays edits; on a small machine it
// must yield to it, or every compaction shows up as a spike in everyone's latency. On Linux this
// lowers the priority of this thread only.
try {
  setPriority(19)
} catch {
  // Not permitted here: merging at normal priority is still correct, only less polite.
}

parentPort.on('message', ({ id, snapshot, updates }) => {
  try {
    // A fresh document with gc on: values overwritten in the YKeyValue become tombstones that
    // encodeStateAsUpdate writes as tiny GC ranges, which is what makes compaction shrink a
    // board (Y.mergeUpdates would keep every overwritten value).
    const doc = new Y.Doc({ gc: true })
    doc.transact(() => {
      Y.applyUpdate(doc, snapshot)
      for (const update of updates) Y.applyUpdate(doc, update)
    })
    const merged = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    parentPort.postMessage({ id, ok: true, merged }, [merged.buffer])
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String(error?.message ?? error) })
  }
})
