import type { Durable } from '../storage/UpdateLog'

/**
 * A room's ordered queue of "store, then deliver": each step first makes something durable
 * (appending an update to the board's log), then delivers what depends on it (relaying the
 * update, the server state it changed, a joiner's sync answer). Deliveries happen strictly in the
 * order steps were pushed, each only once its own store and every store before it are durable,
 * so nobody is ever sent something that is not yet durable, nor sent things out of order.
 *
 * Stores start at once, without waiting for the ones before: a log that gathers the appends of
 * one turn into one transaction (TurnBatchedLog, for SQLite and PostgreSQL alike) then gets all
 * of them, and the log keeps one board's appends in call order (UpdateLog's contract). A store
 * that is durable when it returns is delivered in the same turn when nothing waits before it. A
 * store that fails stops the queue for good: `onFailure` is called once and nothing after is
 * delivered (the log refuses the stores that follow a failed one).
 */
export class DurablePipeline {
  private tail: Promise<unknown> = Promise.resolve()
  private waiting = 0
  private failed = false

  constructor(private readonly onFailure: (error: unknown) => void) {}

  /** Queues a step; `store` may be omitted for a delivery that only has to keep its place. */
  push(store: (() => Durable) | undefined, deliver: () => void): void {
    if (this.failed) return
    let stored: Durable
    try {
      stored = store?.()
    } catch (error) {
      return this.fail(error)
    }
    if (this.waiting === 0 && !(stored instanceof Promise)) return this.deliver(deliver)
    this.waiting++
    this.tail = Promise.all([this.tail, stored]).then(
      () => {
        this.waiting--
        this.deliver(deliver)
      },
      (error: unknown) => {
        this.waiting--
        this.fail(error)
      },
    )
  }

  /** True while a step waits for a store. */
  get isBusy(): boolean {
    return this.waiting > 0
  }

  /** Resolves once every step pushed so far was delivered, or the queue failed. */
  async settled(): Promise<void> {
    await this.tail
  }

  private deliver(deliver: () => void): void {
    if (this.failed) return
    try {
      deliver()
    } catch (error) {
      this.fail(error)
    }
  }

  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.onFailure(error)
  }
}
