import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { CheckpointOutcome } from './CheckpointWorker'
import { migrate } from './sqliteMigrations'

/**
 * How much of the database file reads map into memory instead of copying through SQLite's page
 * cache. A large board's snapshot is a chain of overflow pages: in a running server, reading a
 * 10,000-card board's 5.8 MB snapshot took 29-32 ms (median) through read calls and 4-5 ms mapped
 * (in a process just started, 41 and 35 ms: its first touches of fresh memory dominate). Mapped
 * pages are the kernel's file cache, shared and dropped under memory pressure, not the heap. The
 * cost: a disk that fails a read ends the process (a signal) instead of failing one query.
 */
export const MMAP_BYTES = 256 * 1024 * 1024

/**
 * One SQLite database file (WAL mode), migrated to the newest schema, with its prepared
 * statements cached: preparing costs more than running a small insert.
 *
 * Durability: with WAL and `synchronous = NORMAL` a committed transaction survives the process
 * being killed at any moment (it is in the WAL file); only a power cut can lose the last few.
 * FULL would fsync every keystroke and cost milliseconds per edit.
 */
export class SqliteDatabase {
  private readonly statements = new Map<string, Database.Statement>()

  private constructor(readonly db: Database.Database) {}

  /** Opens (creating and migrating if needed) the database file; its folder is created too. */
  static open(file: string): SqliteDatabase {
    mkdirSync(dirname(file), { recursive: true })
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Checkpoints are done beside this connection, not by its commits (CheckpointWorker).
    db.pragma('wal_autocheckpoint = 0')
    // Once checkpointed, the write-ahead log file is cut back to this size when it restarts.
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`)
    db.pragma(`mmap_size = ${MMAP_BYTES}`)
    migrate(db)
    return new SqliteDatabase(db)
  }

  /**
   * A second, read-only connection to a database another connection opened (and migrated): a
   * worker thread reads through one while the event loop's connection writes. In WAL mode its
   * reads see every committed transaction and never block the writer.
   */
  static openReadOnly(file: string): SqliteDatabase {
    const db = new Database(file, { readonly: true, fileMustExist: true })
    db.pragma('busy_timeout = 5000')
    db.pragma(`mmap_size = ${MMAP_BYTES}`)
    return new SqliteDatabase(db)
  }

  /** A cached prepared statement. */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  /**
   * Copies the write-ahead log's frames into the database file from this connection, which
   * commits, so no commit can come in between (see CheckpointWorker): the next commit then starts
   * the log again from its beginning.
   */
  checkpoint(): CheckpointOutcome {
    return checkpointPassively(this.db)
  }

  /** Folds the WAL back into the database file, so the data folder is one file, and closes. */
  close(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
  }
}

/** One PASSIVE checkpoint on `db`'s connection, and what it did. */
export function checkpointPassively(db: Database.Database): CheckpointOutcome {
  const [outcome] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointOutcome[]
  return outcome as CheckpointOutcome
}
