/**
 * One task per key, shared by every request for the same thing that arrives before the task
 * starts reading its input. Twenty people pressing Export at the end of a session wait for a
 * thread together and get one file made from one read; a request that arrives once the read has
 * begun starts a task of its own, so nobody gets a file older than their request (a credit
 * choice changed just before pressing Export is in it).
 */
export class SharedUntilStarted<Result> {
  private readonly waiting = new Map<string, Promise<Result>>()

  /** The task waiting for `key`, if one has not started yet. */
  joinable(key: string): Promise<Result> | undefined {
    return this.waiting.get(key)
  }

  /**
   * Runs the task `schedule` makes, shared under `key` until the task calls `starting` (just
   * before it reads its input) or ends.
   */
  start(key: string, schedule: (starting: () => void) => Promise<Result>): Promise<Result> {
    const mine: { task?: Promise<Result> } = {}
    const stopSharing = () => {
      if (mine.task && this.waiting.get(key) === mine.task) this.waiting.delete(key)
    }
    mine.task = schedule(stopSharing).finally(stopSharing)
    this.waiting.set(key, mine.task)
    return mine.task
  }
}
