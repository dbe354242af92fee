/** Why a process stops serving a board it held. */
export type LeaseEnd =
  /** Another process asked for the board (LISTEN/NOTIFY): hand it over now. */
  | 'handover'
  /** The lease could not be renewed, or another process has taken the board. */
  | 'lost'

/**
 * The right of this process to serve one board. While it holds it no other process serves the
 * board; its fencing number is what the database checks on every append, so a holder that was
 * paused past its lease and lost the board can never write to it again.
 */
export interface BoardLease {
  readonly boardId: string
  /** Grows by one every time the board changes hands; stored appends carry it. */
  readonly fence: number
  /**
   * Called at most once when the holder must stop serving the board: close its connections
   * (clients reconnect at once and find the new owner), let its pending appends finish, then
   * {@link release} it.
   */
  onEnd(listener: (end: LeaseEnd) => void): void
  /** Gives the board up, so that another process can take it at once. Safe to call twice. */
  release(): Promise<void>
}

/**
 * Decides which process serves each board when several share one database (PostgreSQL). Absent
 * from a storage that only one process uses (SQLite): that process serves every board.
 */
export interface BoardOwnership {
  /**
   * Takes the lease of a board for this process, waiting while its current owner hands it over
   * (or, if the owner is paused, until its lease runs out). Undefined for a board that does not
   * exist. Rejects when the board could not be taken in reasonable time.
   */
  acquire(boardId: string): Promise<BoardLease | undefined>
}
