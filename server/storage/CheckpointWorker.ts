import { Worker } from 'node:worker_threads'
import type { Logger } from '../logger'

/**
 * Checkpoints a SQLite database's write-ahead log from a worker thread, every `everyMs`. With
 * automatic checkpoints (SQLite's default), the commit that crosses 1,000 pages copies the log
 * into the database and fsyncs it on the thread that committed: the thread that relays edits,
 * stalled for up to a hundred milliseconds at a time under load. The database's own connection
 * turns automatic checkpoints off (SqliteDatabase) and this does them instead, beside it.
 */
export class CheckpointWorker {
  private readonly worker: Worker

  constructor(file: string, logger: Logger, everyMs = 1000) {
    this.worker = new Worker(new URL('./checkpointWorkerThread.mjs', import.meta.url), {
      workerData: { file, everyMs },
    })
    this.worker.unref()
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error) logger.warn('checkpoint.failed', { error: message.error })
    })
    this.worker.on('error', (error) => logger.error('checkpoint.worker-failed', { error }))
  }

  /** Stops checkpointing and closes the worker's connection. */
  async close(): Promise<void> {
    const stopped = new Promise<void>((resolve) => {
      this.worker.once('message', () => resolve())
      this.worker.once('exit', () => resolve())
    })
    this.worker.postMessage('stop')
    await stopped
    await this.worker.terminate()
  }
}
