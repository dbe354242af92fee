import type { Durable } from '../storage/UpdateLog'

/**
 * A room's ordered queue of "store, then deliver": each step first makes something durable
 * (appending an update to the board's log), then delivers what depends on it (relaying the
 * update, the server state it changed, a joiner's sync answer). Deliveries run strictly in the
 * order their steps were pushed, each only once its own store and every store before it are
 * durable, so nobody is ever sent something that is not yet durable, nor sent things out of
 * order.
 *
 * A store that is durable when it returns (SQLite) is delivered at once, in the same turn, when
 * nothing waits before it: the embedded default pays nothing for the queue. A store that returns
 * a promise (a database over the network) holds every later delivery until it settles; later
 * stores are started without waiting, in order, so the log can write them together (its order
 * is theirs). A store that fails stops the queue for good: `onFailure` is called once and
 * nothing after is delivered (the log refuses the stores that follow a failed one).
 */
export class DurablePipeline {
  private tail: Promise<void> | undefined
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
    // Settled into a value at once: a rejection is handled even while earlier steps wait.
    const outcome = Promise.resolve(stored).then(
      () => undefined,
      (error: unknown) => ({ error }),
    )
    const before = this.tail
    this.wait(
      (async () => {
        await before
        const failure = await outcome
        if (failure) throw failure.error
        this.deliver(deliver)
      })(),
    )
  }

  /** True while a step waits for its store. */
  get isBusy(): boolean {
    return this.waiting > 0
  }

  /** Resolves once every step pushed so far was delivered, or the queue failed. */
  async settled(): Promise<void> {
    await this.tail
  }

  private wait(step: Promise<void>): void {
    this.waiting++
    this.tail = step.then(
      () => {
        this.waiting--
      },
      (error: unknown) => {
        this.waiting--
        this.fail(error)
      },
    )
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
