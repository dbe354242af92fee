import { silentLogger, type Logger } from '../logger'
import { CheckpointWorker } from './CheckpointWorker'
import { MergeWorker, type MergeUpdates } from './MergeWorker'
import { SqliteBoardRepository } from './SqliteBoardRepository'
import { SqliteDatabase } from './SqliteDatabase'
import { SqliteUpdateLog, type SqliteUpdateLogOptions } from './SqliteUpdateLog'
import type { Storage } from './Storage'

/** Options of {@link openSqliteStorage}. */
export interface SqliteStorageOptions extends Omit<SqliteUpdateLogOptions, 'merge' | 'logger'> {
  /** Path of the database file. Its folder is created when missing. */
  readonly file: string
  /**
   * Merges a snapshot with updates. Defaults to a {@link MergeWorker}, whose worker thread the
   * storage then owns and stops on close.
   */
  readonly merge?: MergeUpdates
  /** Where compaction outcomes and failures are reported. */
  readonly logger?: Logger
}

/**
 * The embedded default backend: one SQLite file holding every board's update log and
 * everything else about boards. Closing lets a running compaction finish, checkpoints the WAL
 * and stops the merge worker.
 */
export function openSqliteStorage(options: SqliteStorageOptions): Storage {
  const database = SqliteDatabase.open(options.file)
  const checkpoints = new CheckpointWorker(options.file, options.logger ?? silentLogger, () =>
    database.checkpoint(),
  )
  const worker = options.merge ? undefined : new MergeWorker()
  const log = new SqliteUpdateLog(database, {
    ...options,
    merge: options.merge ?? (worker as MergeWorker).merge,
    onCommit: () => checkpoints.wrote(),
  })
  return {
    log,
    repository: new SqliteBoardRepository(database),
    sqliteFile: options.file,
    async close() {
      await log.close()
      await checkpoints.close()
      database.close()
      await worker?.close()
    },
  }
}
