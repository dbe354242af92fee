import Piscina from 'piscina'

/** Options of {@link WorkPool}. */
export interface WorkPoolOptions<Task> {
  /** The module each thread runs: its export named `handler` is called with each task. */
  readonly filename: string
  /** The handler's name in that module. */
  readonly handler: string
  /** Worker threads: at most this many tasks run at once. */
  readonly threads: number
  /** Tasks that may wait for a thread; past this, {@link WorkPool.reserve} refuses. */
  readonly maxQueued: number
  /** A task running longer than this has its thread stopped and fails. */
  readonly timeoutMs: number
  /** Heap a thread may grow to, in MB; a task that needs more fails (its thread is replaced). */
  readonly maxHeapMb: number
  /** Node options for the threads (default: the process's own). */
  readonly execArgv?: readonly string[]
  /**
   * The buffers of a task to move to its thread rather than copy (they are unusable here
   * afterwards): copying a 30 MB upload would hold the event loop for as long as the copy.
   */
  readonly transferables?: (task: Task) => ArrayBuffer[]
}

/** A place in the pool, held from admission until its task ends. */
export interface Reservation<Task, Result> {
  /**
   * Waits for a free thread, then makes the task's input (so a waiting task holds nothing it
   * does not need yet) and runs it there. Releases the place however it ends.
   */
  run(input: () => Task | Promise<Task>): Promise<Result>
  /** Gives the place back without running anything (the request was refused meanwhile). */
  release(): void
}

/** Tasks a busy pool takes at least this long to get through, for `Retry-After`. */
const MIN_RETRY_SECONDS = 1
const MAX_RETRY_SECONDS = 60

/**
 * Heavy work (reading an imported board file, making an export) off the event loop that relays
 * every board's edits, in a small, bounded pool of worker threads (piscina). Admission is
 * decided first and at once: a request that finds `threads + maxQueued` places taken is told to
 * come back later ({@link retryAfterSeconds}) before anything of it is read, so a flood of
 * imports or exports costs neither memory nor time. Threads run below the event loop's priority,
 * stop when idle, and a task that hangs or grows its heap too far only loses its own thread.
 */
export class WorkPool<Task, Result> {
  private readonly piscina: Piscina<Task, Result>
  private reserved = 0
  private running = 0
  private readonly waiting: (() => void)[] = []
  /** A running estimate of how long a task takes, in ms (for `Retry-After`). */
  private typicalMs = 1000

  constructor(private readonly options: WorkPoolOptions<Task>) {
    this.piscina = new Piscina({
      filename: options.filename,
      name: options.handler,
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: 10_000,
      // The pool's own queue holds the waiting; piscina only ever gets what a thread can run.
      maxQueue: options.threads,
      // Yield to the event loop's thread when they share a core: relaying edits comes first.
      // The lowest priority, as the merge worker's: at 10, twenty exports at once still took
      // half the core beside the relaying thread.
      niceIncrement: 19,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb },
      ...(options.execArgv && { execArgv: [...options.execArgv] }),
    })
  }

  /** A place for one task, or undefined when every thread and queue place is taken. */
  reserve(): Reservation<Task, Result> | undefined {
    if (this.reserved >= this.options.threads + this.options.maxQueued) return undefined
    this.reserved++
    let released = false
    const release = () => {
      if (released) return
      released = true
      this.reserved--
    }
    return {
      release,
      run: async (input) => {
        try {
          await this.turn()
          try {
            return await this.runNow(await input())
          } finally {
            this.running--
            this.waiting.shift()?.()
          }
        } finally {
          release()
        }
      },
    }
  }

  /** How long a refused request should wait before trying again, in whole seconds. */
  get retryAfterSeconds(): number {
    const seconds = (this.typicalMs * (this.reserved + 1)) / this.options.threads / 1000
    return Math.min(MAX_RETRY_SECONDS, Math.max(MIN_RETRY_SECONDS, Math.ceil(seconds)))
  }

  /** Stops the threads; tasks still running fail. */
  async close(): Promise<void> {
    await this.piscina.destroy()
  }

  private turn(): Promise<void> {
    if (this.running < this.options.threads) {
      this.running++
      return Promise.resolve()
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running++
        resolve()
      }),
    )
  }

  private async runNow(task: Task): Promise<Result> {
    const started = performance.now()
    const result = await this.piscina.run(task, {
      signal: AbortSignal.timeout(this.options.timeoutMs),
      transferList: this.options.transferables?.(task),
    })
    this.typicalMs = 0.8 * this.typicalMs + 0.2 * (performance.now() - started)
    return result
  }
}
