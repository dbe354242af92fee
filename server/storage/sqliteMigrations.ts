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
  // 2. Participants the server knows (only a hash of each token is kept), and the contribution
  //    ledger: append-only, one hash-chained entry per record a connection's update changed,
  //    written in the same transaction as that update. The triggers refuse to rewrite or delete
  //    entries through SQLite; anyone editing the file directly is caught by the hash chain.
  `
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    role_other TEXT,
    credit TEXT NOT NULL,
    pseudonym TEXT,
    color TEXT NOT NULL,
    token_hash BLOB,
    added_by TEXT REFERENCES participants (id),
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX participants_by_board ON participants (board_id, created_at);
  CREATE TABLE ledger (
    board_id TEXT NOT NULL REFERENCES boards (id),
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    participant_id TEXT NOT NULL,
    written_down_by TEXT,
    action TEXT NOT NULL,
    record_id TEXT NOT NULL,
    record_type TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (board_id, seq)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX ledger_by_record ON ledger (board_id, record_id);
  CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger
    BEGIN SELECT RAISE(ABORT, 'The contribution ledger is append-only'); END;
  CREATE TRIGGER ledger_is_append_only_delete BEFORE DELETE ON ledger
    BEGIN SELECT RAISE(ABORT, 'The contribution ledger is append-only'); END;
  `,
  // 3. The licence a board's group chose, with who chose it and when. No row: nobody has chosen,
  //    and the board is under the default licence. One row per board, replaced on each choice.
  `
  CREATE TABLE board_licences (
    board_id TEXT PRIMARY KEY REFERENCES boards (id),
    licence TEXT NOT NULL,
    set_by TEXT NOT NULL REFERENCES participants (id),
    set_at INTEGER NOT NULL
  ) STRICT;
  `,
  // 4. Where the shapes of a board made from a file came from, and who that board credited
  //    them to: the truth behind the document's server-owned `imported` root. Written once, in
  //    the transaction that creates the board; the ledger credits the importer separately.
  `
  CREATE TABLE imported_shapes (
    board_id TEXT NOT NULL REFERENCES boards (id),
    shape_id TEXT NOT NULL,
    from_title TEXT,
    exported_at INTEGER,
    imported_at INTEGER NOT NULL,
    author_name TEXT,
    author_role TEXT,
    added_at INTEGER,
    PRIMARY KEY (board_id, shape_id)
  ) STRICT, WITHOUT ROWID;
  `,
  // 5. Server-owned state leaves the document. `boards.schema` is the tldraw schema a board's
  //    records conform to (JSON; NULL for a board whose document still says, in its old `meta`
  //    root, until the server moves it over on its first load). `participants.capabilities` is
  //    what the server lets each person's connections do (space-separated): whoever started a
  //    board (the first entry of its ledger credits them) may facilitate it.
  `
  ALTER TABLE boards ADD COLUMN schema TEXT;
  ALTER TABLE participants ADD COLUMN capabilities TEXT NOT NULL DEFAULT 'view edit';
  UPDATE participants SET capabilities = 'view edit facilitate'
    WHERE id IN (SELECT participant_id FROM ledger WHERE seq = 1);
  `,
  // 6. One B-tree per appended update instead of three: the log is keyed by (board, seq) itself,
  //    with no rowid, no separate index and no AUTOINCREMENT bookkeeping. `seq` is numbered per
  //    board by the append (one more than the board's last, or than what its snapshot already
  //    holds), so it still never goes back after a compaction deleted the newest rows.
  `
  CREATE TABLE updates_keyed (
    board_id TEXT NOT NULL REFERENCES boards (id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (board_id, seq)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO updates_keyed (board_id, seq, data) SELECT board_id, seq, data FROM updates;
  DROP TABLE updates;
  ALTER TABLE updates_keyed RENAME TO updates;
  `,
  // 7. The session a facilitator runs (stage, timer: shared/sessionState.ts), as JSON: one row
  //    per board, replaced on each change, in the transaction that appends the step's ledger
  //    entry. No row: nobody has run the session yet.
  `
  CREATE TABLE board_sessions (
    board_id TEXT PRIMARY KEY REFERENCES boards (id),
    state TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
  // 8. Dot votes (shared/dotVote.ts): each vote a board had, as JSON numbered per board (closing
  //    one rewrites it), and every person's dots on each card of it. Earlier votes and their dots
  //    are kept: they are what the group decided.
  `
  CREATE TABLE board_votes (
    board_id TEXT NOT NULL REFERENCES boards (id),
    id INTEGER NOT NULL,
    vote TEXT NOT NULL,
    PRIMARY KEY (board_id, id)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE vote_dots (
    board_id TEXT NOT NULL,
    vote_id INTEGER NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants (id),
    shape_id TEXT NOT NULL,
    dots INTEGER NOT NULL,
    PRIMARY KEY (board_id, vote_id, participant_id, shape_id),
    FOREIGN KEY (board_id, vote_id) REFERENCES board_votes (board_id, id)
  ) STRICT, WITHOUT ROWID;
  `,
  // 9. Watch links (shared/watchLinks.ts): only the SHA-256 of each token, who made it and when,
  //    and who revoked it and when. Revoked links are kept: they are part of how the session ran.
  `
  CREATE TABLE watch_links (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards (id),
    token_hash BLOB NOT NULL,
    created_by TEXT NOT NULL REFERENCES participants (id),
    created_at INTEGER NOT NULL,
    revoked_by TEXT REFERENCES participants (id),
    revoked_at INTEGER
  ) STRICT;
  CREATE INDEX watch_links_by_board ON watch_links (board_id, created_at);
  `,
  // 10. Cards written in a private round (shared/privateRound.ts), kept here, never in the
  //    document, until the round is revealed; then placed on the board and marked so. Kept
  //    after that (placed = 1), so a card revealed once is never placed again.
  `
  CREATE TABLE private_cards (
    board_id TEXT NOT NULL REFERENCES boards (id),
    id TEXT NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants (id),
    record TEXT NOT NULL,
    written_at INTEGER NOT NULL,
    round INTEGER NOT NULL,
    placed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (board_id, id)
  ) STRICT;
  CREATE INDEX private_cards_unplaced ON private_cards (board_id, placed, written_at);
  `,
  // 11. Cards taken down for review (shared/hiddenCards.ts): one row per card while it is hidden,
  //    deleted when a facilitator restores it, kept with `removed_at` once one removed it, so the
  //    card stays off the board. A person removed from a board keeps their row (their credit)
  //    with no capabilities: that is what being removed is.
  `
  CREATE TABLE hidden_cards (
    board_id TEXT NOT NULL REFERENCES boards (id),
    shape_id TEXT NOT NULL,
    hidden_at INTEGER NOT NULL,
    hidden_by TEXT NOT NULL REFERENCES participants (id),
    reason TEXT,
    removed_at INTEGER,
    removed_by TEXT REFERENCES participants (id),
    PRIMARY KEY (board_id, shape_id)
  ) STRICT, WITHOUT ROWID;
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
