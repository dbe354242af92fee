import { randomUUID } from 'node:crypto'
import { silentLogger, type Logger } from '../../logger'
import type { AssetStore } from '../AssetStore'
import type { CompactionSchedulerOptions } from '../CompactionScheduler'
import { MergeWorker, type MergeUpdates } from '../MergeWorker'
import type { BoardOwnership } from '../BoardOwnership'
import type { BoardEventChannel, Storage } from '../Storage'
import { BOARD_EVENTS_CHANNEL, PostgresBoardEvents } from './PostgresBoardEvents'
import { PostgresAssetStore } from './PostgresAssetStore'
import { PostgresBoardRepository } from './PostgresBoardRepository'
import { PostgresDatabase } from './PostgresDatabase'
import { PostgresListener } from './PostgresListener'
import { HANDOVER_CHANNEL, PostgresOwnership } from './PostgresOwnership'
import { PostgresUpdateLog } from './PostgresUpdateLog'

/** Options of {@link openPostgresStorage}. */
export interface PostgresStorageOptions extends Omit<CompactionSchedulerOptions, 'logger'> {
  /** A `postgres://` connection string (DATABASE_URL). */
  readonly url: string
  /** How long a board's lease lasts without renewal, in ms (default 5000). */
  readonly leaseMs?: number
  /** Merges a snapshot with updates; defaults to a MergeWorker the storage owns. */
  readonly merge?: MergeUpdates
  readonly logger?: Logger
}

/** Storage in PostgreSQL, with pictures too: nothing of it is on the process's own disk. */
export interface PostgresStorage extends Storage {
  readonly assets: AssetStore
  readonly ownership: BoardOwnership
  readonly events: BoardEventChannel
  /** This process's id among those sharing the database (in `board_owners.owner`). */
  readonly processId: string
}

/**
 * Opens the PostgreSQL backend for a process of a cluster: runs the migrations, takes the
 * process's liveness lock and listens for handover requests and board events. Closing releases
 * every board this process holds, so others take them at once, and lets running work finish.
 */
export async function openPostgresStorage(
  options: PostgresStorageOptions,
): Promise<PostgresStorage> {
  const logger = options.logger ?? silentLogger
  const processId = randomUUID()
  const database = await PostgresDatabase.open({ url: options.url })
  const listener = new PostgresListener({
    url: options.url,
    channels: [HANDOVER_CHANNEL, BOARD_EVENTS_CHANNEL],
    logger,
  })
  try {
    await listener.start()
  } catch (error) {
    await database.close()
    throw error
  }
  const worker = options.merge ? undefined : new MergeWorker()
  const log = new PostgresUpdateLog(database, {
    ...options,
    logger,
    merge: options.merge ?? (worker as MergeWorker).merge,
  })
  const ownership = new PostgresOwnership({
    database,
    listener,
    processId,
    leaseMs: options.leaseMs ?? 5000,
    logger,
  })
  return {
    processId,
    log,
    repository: new PostgresBoardRepository(database),
    assets: new PostgresAssetStore(database),
    ownership,
    events: new PostgresBoardEvents(database, listener, processId, logger),
    async close() {
      await log.close()
      await ownership.close()
      await listener.close()
      await database.close()
      await worker?.close()
    },
  }
}
