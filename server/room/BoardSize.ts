/**
 * Keeps a board's encoded document under its limit without encoding it on every change. The
 * estimate starts from what storage holds and adds each update's size: it only ever overstates
 * (an update that overwrites or deletes adds less than its size), so the document is encoded
 * (`measure`) only when an update could take the estimate past the limit, and then only once
 * until the board changes again.
 */
export class BoardSize {
  private exact = false

  constructor(
    /** Largest the encoded document may grow to, in bytes. */
    readonly maxBytes: number,
    private estimate: number,
    private readonly measure: () => number,
  ) {}

  /** True when an update of `bytes` that adds to the board could take it past its limit. */
  wouldPass(bytes: number): boolean {
    if (this.estimate + bytes <= this.maxBytes) return false
    if (!this.exact) {
      this.estimate = this.measure()
      this.exact = true
    }
    return this.estimate + bytes > this.maxBytes
  }

  /** An update of `bytes` was applied. */
  grew(bytes: number): void {
    this.estimate += bytes
    this.exact = false
  }
}
