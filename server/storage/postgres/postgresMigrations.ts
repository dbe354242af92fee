import type { Pool } from 'pg'

/**
 * The PostgreSQL schema, one step per version, recorded in `schema_migrations`. Every process
 * runs the missing steps when it starts, in one transaction under an advisory lock, so three
 * processes starting at once migrate once. Never edit a step that has shipped: add a new one.
 *
 * The same tables as SQLite (server/storage/sqliteMigrations.ts), plus what several processes
 * need: `board_owners` (who serves each board, with a fencing number), `updates.fence` (checked
 * against it by a trigger, so a process that lost a board can never append to it) and `assets`
 * (pictures, so a process keeps nothing on its own disk).
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE boards (
    id text PRIMARY KEY,
    title text NOT NULL,
    created_at bigint NOT NULL,
    schema text
  );
  CREATE TABLE snapshots (
    board_id text PRIMARY KEY REFERENCES boards (id),
    state bytea NOT NULL,
    up_to_seq bigint NOT NULL
  );

  -- Who serves each board. A row is never deleted: fence only grows, so a process holding an
  -- older fence can never write again, even after the board was released and taken back.
  -- owner_lock is the session advisory lock the owner holds while its process lives: when a
  -- taker can take that lock, the owner is gone and its lease need not be waited out.
  CREATE TABLE board_owners (
    board_id text PRIMARY KEY REFERENCES boards (id),
    owner text NOT NULL,
    owner_lock bigint NOT NULL,
    fence bigint NOT NULL,
    expires_at timestamptz NOT NULL
  );

  -- Loaded as every row of a board in seq order; a compaction deletes exactly the rows it folded.
  CREATE TABLE updates (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    board_id text NOT NULL REFERENCES boards (id),
    fence bigint NOT NULL,
    data bytea NOT NULL
  );
  CREATE INDEX updates_by_board ON updates (board_id, seq);

  -- The fencing check. FOR SHARE holds the owner row until the append commits, so a takeover
  -- (an UPDATE of that row) waits for an append already under way, and an append that starts
  -- after a takeover sees the new fence and is refused: a stale owner can never commit.
  CREATE FUNCTION commonmap_check_fence() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    current_fence bigint;
  BEGIN
    SELECT fence INTO current_fence FROM board_owners WHERE board_id = NEW.board_id FOR SHARE;
    IF current_fence IS DISTINCT FROM NEW.fence THEN
      RAISE EXCEPTION 'Board % is served under fence %, so fence % may no longer write to it',
        NEW.board_id, current_fence, NEW.fence USING ERRCODE = 'CM409';
    END IF;
    RETURN NEW;
  END
  $$;
  CREATE TRIGGER updates_are_fenced BEFORE INSERT ON updates
    FOR EACH ROW EXECUTE FUNCTION commonmap_check_fence();

  CREATE TABLE participants (
    id text PRIMARY KEY,
    board_id text NOT NULL REFERENCES boards (id),
    name text NOT NULL,
    role text NOT NULL,
    role_other text,
    credit text NOT NULL,
    pseudonym text,
    color text NOT NULL,
    token_hash bytea,
    added_by text REFERENCES participants (id),
    created_at bigint NOT NULL,
    capabilities text NOT NULL,
    joined bigint GENERATED ALWAYS AS IDENTITY
  );
  CREATE INDEX participants_by_board ON participants (board_id, created_at, joined);

  -- The contribution ledger: append-only (UPDATE, DELETE and TRUNCATE are refused) and
  -- hash-chained in the database too: an entry is refused unless it follows the board's last
  -- one (seq one more, prev_hash its hash), so no writer can fork or skip the chain.
  CREATE TABLE ledger (
    board_id text NOT NULL REFERENCES boards (id),
    seq bigint NOT NULL,
    at bigint NOT NULL,
    participant_id text NOT NULL,
    written_down_by text,
    action text NOT NULL,
    record_id text NOT NULL,
    record_type text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    PRIMARY KEY (board_id, seq)
  );
  CREATE INDEX ledger_by_record ON ledger (board_id, record_id);
  CREATE FUNCTION commonmap_ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'The contribution ledger is append-only' USING ERRCODE = 'CM405';
  END
  $$;
  CREATE TRIGGER ledger_is_append_only BEFORE UPDATE OR DELETE ON ledger
    FOR EACH ROW EXECUTE FUNCTION commonmap_ledger_is_append_only();
  CREATE TRIGGER ledger_is_never_truncated BEFORE TRUNCATE ON ledger
    FOR EACH STATEMENT EXECUTE FUNCTION commonmap_ledger_is_append_only();
  -- AFTER, so that every row of a multi-row insert is visible when each is checked.
  CREATE FUNCTION commonmap_ledger_is_chained() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.seq = 1 THEN
      IF NEW.prev_hash <> repeat('0', 64) THEN
        RAISE EXCEPTION 'The first ledger entry of board % must start the chain', NEW.board_id
          USING ERRCODE = 'CM412';
      END IF;
    ELSIF NOT EXISTS (
      SELECT 1 FROM ledger
      WHERE board_id = NEW.board_id AND seq = NEW.seq - 1 AND hash = NEW.prev_hash
    ) THEN
      RAISE EXCEPTION 'Ledger entry % of board % does not follow entry %', NEW.seq, NEW.board_id,
        NEW.seq - 1 USING ERRCODE = 'CM412';
    END IF;
    RETURN NULL;
  END
  $$;
  CREATE TRIGGER ledger_is_chained AFTER INSERT ON ledger
    FOR EACH ROW EXECUTE FUNCTION commonmap_ledger_is_chained();

  CREATE TABLE board_licences (
    board_id text PRIMARY KEY REFERENCES boards (id),
    licence text NOT NULL,
    set_by text NOT NULL REFERENCES participants (id),
    set_at bigint NOT NULL
  );
  CREATE TABLE imported_shapes (
    board_id text NOT NULL REFERENCES boards (id),
    shape_id text NOT NULL,
    from_title text,
    exported_at bigint,
    imported_at bigint NOT NULL,
    author_name text,
    author_role text,
    added_at bigint,
    PRIMARY KEY (board_id, shape_id)
  );

  -- Pictures, content-addressed. No reference to boards: an imported board's pictures are
  -- stored before the board itself (and removed again if the board cannot be).
  CREATE TABLE assets (
    board_id text NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    bytes bytea NOT NULL,
    PRIMARY KEY (board_id, name)
  );
  `,
  // 2. The session a facilitator runs (stage, timer: shared/sessionState.ts), as JSON: one row
  //    per board, replaced on each change, in the transaction that appends the step's ledger
  //    entry. No row: nobody has run the session yet.
  `
  CREATE TABLE board_sessions (
    board_id text PRIMARY KEY REFERENCES boards (id),
    state text NOT NULL
  );
  `,
  // 3. Dot votes (shared/dotVote.ts), as SQLite's migration 8: each vote a board had, as JSON
  //    numbered per board (closing one rewrites it), and every person's dots on each card of it.
  `
  CREATE TABLE board_votes (
    board_id text NOT NULL REFERENCES boards (id),
    id integer NOT NULL,
    vote text NOT NULL,
    PRIMARY KEY (board_id, id)
  );
  CREATE TABLE vote_dots (
    board_id text NOT NULL,
    vote_id integer NOT NULL,
    participant_id text NOT NULL REFERENCES participants (id),
    shape_id text NOT NULL,
    dots integer NOT NULL,
    PRIMARY KEY (board_id, vote_id, participant_id, shape_id),
    FOREIGN KEY (board_id, vote_id) REFERENCES board_votes (board_id, id)
  );
  `,
  // 4. Watch links (shared/watchLinks.ts), as SQLite's migration 9: only the SHA-256 of each
  //    token, who made it and when, and who revoked it and when.
  `
  CREATE TABLE watch_links (
    id text PRIMARY KEY,
    board_id text NOT NULL REFERENCES boards (id),
    token_hash bytea NOT NULL,
    created_by text NOT NULL REFERENCES participants (id),
    created_at bigint NOT NULL,
    revoked_by text REFERENCES participants (id),
    revoked_at bigint
  );
  CREATE INDEX watch_links_by_board ON watch_links (board_id, created_at);
  `,
  // 5. Cards written in a private round (shared/privateRound.ts), as SQLite's migration 10: kept
  //    here, never in the document, until the round is revealed; then placed and marked so.
  `
  CREATE TABLE private_cards (
    board_id text NOT NULL REFERENCES boards (id),
    id text NOT NULL,
    participant_id text NOT NULL REFERENCES participants (id),
    record text NOT NULL,
    written_at bigint NOT NULL,
    round bigint NOT NULL,
    placed integer NOT NULL DEFAULT 0,
    PRIMARY KEY (board_id, id)
  );
  CREATE INDEX private_cards_unplaced ON private_cards (board_id, placed, written_at);
  `,
  // 6. Cards taken down for review, as SQLite's migration 11: a row while hidden, deleted when
  //    restored, kept with `removed_at` once removed after review.
  `
  CREATE TABLE hidden_cards (
    board_id text NOT NULL REFERENCES boards (id),
    shape_id text NOT NULL,
    hidden_at bigint NOT NULL,
    hidden_by text NOT NULL REFERENCES participants (id),
    reason text,
    removed_at bigint,
    removed_by text REFERENCES participants (id),
    PRIMARY KEY (board_id, shape_id)
  );
  `,
]

/** Any fixed number: the advisory lock processes take while they migrate. */
const MIGRATION_LOCK = 7_215_003_114

/**
 * Brings the database up to the newest schema. Refuses a database written by a newer version.
 * Safe to run from several processes at once.
 */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    )
    const version = rows[0]?.version ?? 0
    if (version > POSTGRES_MIGRATIONS.length) {
      throw new Error(
        `The database was written by a newer version of Commonmap (schema ${version}); this version knows schema ${POSTGRES_MIGRATIONS.length}.`,
      )
    }
    for (let step = version; step < POSTGRES_MIGRATIONS.length; step++) {
      await client.query(POSTGRES_MIGRATIONS[step] ?? '')
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [step + 1])
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
