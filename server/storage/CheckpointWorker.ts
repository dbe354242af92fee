import { Worker } from 'node:worker_threads'
import type { Logger } from '../logger'

/** Options of {@link CheckpointWorker}. */
export interface CheckpointWorkerOptions {
  /** How often the worker checkpoints while there are writes (default every second). */
  readonly everyMs?: number
  /** The worker stops after this long without writes (default a minute). */
  readonly idleMs?: number
  /** Frames the log may hold before it is started again from its beginning (default 64 MiB's). */
  readonly restartFrames?: number
}

/** What one `wal_checkpoint` did: frames in the log when it began, and how many are copied. */
export interface CheckpointOutcome {
  readonly busy: number
  readonly log: number
  readonly checkpointed: number
}

/**
 * Checkpoints a SQLite database's write-ahead log from a worker thread. With automatic
 * checkpoints (SQLite's default), the commit that crosses 1,000 pages copies the log into the
 * database and fsyncs it on the thread that committed: the thread that relays edits, stalled for
 * up to a hundred milliseconds at a time under load. The database's own connection turns
 * automatic checkpoints off (SqliteDatabase) and this does them instead, beside it.
 *
 * A log only starts again from its beginning when a commit finds every frame in it copied, and
 * a checkpoint beside a connection that commits every few milliseconds never copies the frames
 * committed while it ran: under steady load the log grew without end (225 MB in 16 s of the
 * bench's many boards), and every page read searched more of its index. So once the worker has
 * copied everything it saw of a log longer than `restartFrames`, the database's own connection
 * copies the few frames committed since ({@link finishLog}, between two of its commits), and its
 * next commit starts the log again.
 *
 * The thread starts with the first write ({@link wrote}) and stops after a minute without any,
 * so a server with nothing to write keeps no thread (and its memory) for it.
 */
export class CheckpointWorker {
  private worker: Worker | undefined
  private idleTimer: NodeJS.Timeout | undefined
  private askTimer: NodeJS.Timeout | undefined
  private readonly everyMs: number
  private readonly idleMs: number
  private readonly restartFrames: number

  /** `finishLog` checkpoints on the connection that commits (SqliteDatabase.checkpoint). */
  constructor(
    private readonly file: string,
    private readonly logger: Logger,
    private readonly finishLog: () => CheckpointOutcome,
    options: CheckpointWorkerOptions = {},
  ) {
    this.everyMs = options.everyMs ?? 1000
    this.idleMs = options.idleMs ?? 60_000
    this.restartFrames = options.restartFrames ?? (64 * 1024 * 1024) / 4096
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
      workerData: { file: this.file },
    })
    worker.unref()
    let asked = false
    worker.on('message', (message: { error?: string; checkpoint?: CheckpointOutcome }) => {
      asked = false
      if (message.error) this.logger.warn('checkpoint.failed', { error: message.error })
      if (message.checkpoint) this.checkpointed(message.checkpoint)
    })
    worker.on('error', (error) => this.logger.error('checkpoint.worker-failed', { error }))
    // Asked, not on its own timer: while this thread finishes a log the worker is not halfway
    // through a checkpoint, which would keep the next commit from starting the log again.
    this.askTimer = setInterval(() => {
      if (asked) return
      asked = true
      worker.postMessage('checkpoint')
    }, this.everyMs)
    this.askTimer.unref()
    this.idleTimer = setTimeout(() => void this.stop(), this.idleMs)
    this.idleTimer.unref()
    return worker
  }

  /** After the worker's checkpoint: finishes a long log of which it copied all it saw. */
  private checkpointed({ busy, log, checkpointed }: CheckpointOutcome): void {
    if (busy || log < this.restartFrames || checkpointed < log) return
    const started = performance.now()
    const finished = this.finishLog()
    this.logger.info('checkpoint.log-finished', {
      frames: finished.log,
      copiedBefore: checkpointed,
      ms: Math.round(performance.now() - started),
    })
  }

  private async stop(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    clearInterval(this.askTimer)
    if (!worker) return
    const stopped = new Promise<void>((resolve) => {
      worker.on('message', (message: { stopped?: boolean }) => {
        if (message.stopped) resolve()
      })
      worker.once('exit', () => resolve())
    })
    // Its last checkpoint before it goes, then its connection closed.
    worker.postMessage('stop')
    await stopped
    await worker.terminate()
  }
}
