import { Worker } from 'node:worker_threads'

/** Merges a snapshot and the updates logged after it into one new snapshot (all Yjs V1). */
export type MergeUpdates = (
  snapshot: Uint8Array,
  updates: readonly Uint8Array[],
) => Promise<Uint8Array>

type WorkerReply =
  { id: number; ok: true; merged: Uint8Array } | { id: number; ok: false; message: string }

interface Job {
  resolve(merged: Uint8Array): void
  reject(error: Error): void
  timer: NodeJS.Timeout
}

/**
 * Runs merges in a worker thread, so that decoding and re-encoding a large board (hundreds of
 * milliseconds at 10,000 shapes) never blocks the event loop that relays edits. A merge that
 * takes longer than `timeoutMs` is treated as hung: the worker is terminated (a fresh one
 * starts for the next merge) and the merge fails, which leaves the log untouched.
 *
 * The thread is kept for the next merge, and stops once it has had no work for `idleMs` (default
 * 30 s): a busy room compacts every few seconds, and starting a thread each time cost a tenth of
 * the merging and a memory spike of its own, while an idle thread would keep the heap a large
 * merge grew (60+ MB after a 10,000-shape board) for as long as it lives.
 */
export class MergeWorker {
  private worker: Worker | undefined
  private readonly jobs = new Map<number, Job>()
  private nextId = 1
  private idleTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly timeoutMs = 60_000,
    private readonly idleMs = 30_000,
  ) {}

  readonly merge: MergeUpdates = (snapshot, updates) =>
    new Promise((resolve, reject) => {
      clearTimeout(this.idleTimer)
      const id = this.nextId++
      const timer = setTimeout(() => {
        this.stop(new Error(`Merging updates took longer than ${this.timeoutMs} ms`))
      }, this.timeoutMs)
      this.jobs.set(id, { resolve, reject, timer })
      this.start().postMessage({ id, snapshot, updates })
    })

  /** The id of the worker thread, while it exists. */
  get threadId(): number | undefined {
    return this.worker?.threadId
  }

  /** True while the worker thread exists. */
  get isRunning(): boolean {
    return this.worker !== undefined
  }

  /** Stops the worker; merges still running fail. */
  async close(): Promise<void> {
    this.stop(new Error('The merge worker was closed'))
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./mergeWorkerThread.mjs', import.meta.url))
    // An idle worker must not keep the process alive after the server has closed.
    worker.unref()
    worker.on('message', (reply: WorkerReply) => {
      const job = this.jobs.get(reply.id)
      if (!job) return
      this.jobs.delete(reply.id)
      clearTimeout(job.timer)
      if (reply.ok) job.resolve(reply.merged)
      else job.reject(new Error(reply.message))
      this.stopWhenIdle()
    })
    worker.on('error', (error) => this.stop(error))
    worker.on('exit', () => {
      if (this.worker === worker) this.stop(new Error('The merge worker stopped'))
    })
    this.worker = worker
    return worker
  }

  private stopWhenIdle(): void {
    clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => {
      if (this.jobs.size === 0) this.stop(new Error('The merge worker was idle'))
    }, this.idleMs)
    this.idleTimer.unref()
  }

  private stop(reason: Error): void {
    clearTimeout(this.idleTimer)
    const worker = this.worker
    this.worker = undefined
    void worker?.terminate()
    for (const job of this.jobs.values()) {
      clearTimeout(job.timer)
      job.reject(reason)
    }
    this.jobs.clear()
  }
}
