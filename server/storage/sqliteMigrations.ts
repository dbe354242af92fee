import type Database from 'better-sqlite3'

/**
 * The database schema, one step per version. `PRAGMA user_version` records how many steps a
 * file has had; opening a file runs the missing steps in one transaction. Never edit a step
 * that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1. Boards, their latest snapshot, and the log of updates since. `seq` is AUTOINCREMENT so
  //    it never goes back, even after the newest rows were compacted away: a compaction
  //    deletes `seq <= N` and must never catch an update that was appended after it read.
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards (id),
    state BLOB NOT NULL,
    up_to_seq INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL REFERENCES boards (id),
    data BLOB NOT NULL
  ) STRICT;
  CREATE INDEX updates_by_board ON updates (board_id, seq);
  `,
]

/** Brings a database up to the newest schema. Refuses a file written by a newer version. */
export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > MIGRATIONS.length) {
    throw new Error(
      `The database was written by a newer version of Commonmap (schema ${version}); this version knows schema ${MIGRATIONS.length}.`,
    )
  }
  db.transaction(() => {
    for (let step = version; step < MIGRATIONS.length; step++) {
      db.exec(MIGRATIONS[step] ?? '')
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`)
  })()
}
