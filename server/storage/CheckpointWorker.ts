import { Worker } from 'node:worker_threads'
import type { Logger } from '../logger'

/** Options of {@link CheckpointWorker}. */
export interface CheckpointWorkerOptions {
  /** How often the worker checkpoints while there are writes (default every second). */
  readonly everyMs?: number
  /** The worker stops after this long without writes (default a minute). */
  readonly idleMs?: number
}

/**
 * Checkpoints a SQLite database's write-ahead log from a worker thread. With automatic
 * checkpoints (SQLite's default), the commit that crosses 1,000 pages copies the log into the
 * database and fsyncs it on the thread that committed: the thread that relays edits, stalled for
 * up to a hundred milliseconds at a time under load. The database's own connection turns
 * automatic checkpoints off (SqliteDatabase) and this does them instead, beside it.
 *
 * The thread starts with the first write ({@link wrote}) and stops after a minute without any,
 * so a server with nothing to write keeps no thread (and its memory) for it.
 */
export class CheckpointWorker {
  private worker: Worker | undefined
  private idleTimer: NodeJS.Timeout | undefined
  private readonly everyMs: number
  private readonly idleMs: number

  constructor(
    private readonly file: string,
    private readonly logger: Logger,
    options: CheckpointWorkerOptions = {},
  ) {
    this.everyMs = options.everyMs ?? 1000
    this.idleMs = options.idleMs ?? 60_000
  }

  /** Something was committed: checkpoint it soon (starting the thread if it is not running). */
  wrote(): void {
    this.worker ??= this.start()
    this.idleTimer?.refresh()
  }

  /** True while the worker thread exists. */
  get isRunning(): boolean {
    return this.worker !== undefined
  }

  /** Stops checkpointing and closes the worker's connection. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer)
    await this.stop()
  }

  private start(): Worker {
    const worker = new Worker(new URL('./checkpointWorkerThread.mjs', import.meta.url), {
      workerData: { file: this.file, everyMs: this.everyMs },
    })
    worker.unref()
    worker.on('message', (message: { error?: string }) => {
      if (message.error) this.logger.warn('checkpoint.failed', { error: message.error })
    })
    worker.on('error', (error) => this.logger.error('checkpoint.worker-failed', { error }))
    this.idleTimer = setTimeout(() => void this.stop(), this.idleMs)
    this.idleTimer.unref()
    return worker
  }

  private async stop(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    if (!worker) return
    const stopped = new Promise<void>((resolve) => {
      worker.once('message', () => resolve())
      worker.once('exit', () => resolve())
    })
    // Its last checkpoint before it goes, then its connection closed.
    worker.postMessage('stop')
    await stopped
    await worker.terminate()
  }
}
