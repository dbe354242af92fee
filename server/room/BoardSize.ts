/** Least time between two measurements of a board's document, in ms. */
export const MEASURE_INTERVAL_MS = 1000

/**
 * Keeps a board's encoded document under its limit without encoding it on every change. The
 * estimate starts from what storage holds and adds each update's size: it only ever overstates
 * (an update that overwrites or deletes adds less than its size), so the document is encoded
 * (`measure`) only when an update could take the estimate past the limit, then not again until
 * the board has changed and {@link MEASURE_INTERVAL_MS} has passed: on a full board, where every
 * refused change still adds a little, measuring on each would let anyone who keeps adding hold
 * the event loop. Meanwhile the overstated estimate may refuse an addition that would have fit.
 */
export class BoardSize {
  private exact = false
  private measuredAt = -Infinity

  constructor(
    /** Largest the encoded document may grow to, in bytes. */
    readonly maxBytes: number,
    private estimate: number,
    private readonly measure: () => number,
  ) {}

  /** True when an update of `bytes` that adds to the board could take it past its limit. */
  wouldPass(bytes: number, now: number): boolean {
    if (this.estimate + bytes <= this.maxBytes) return false
    if (!this.exact && now - this.measuredAt >= MEASURE_INTERVAL_MS) {
      this.estimate = this.measure()
      this.exact = true
      this.measuredAt = now
    }
    return this.estimate + bytes > this.maxBytes
  }

  /** An update of `bytes` was applied. */
  grew(bytes: number): void {
    this.estimate += bytes
    this.exact = false
  }
}
