import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { appRoot } from './appRoot'
import { parseConfig } from './config'
import { createCommonmapServer, type CommonmapServer } from './createCommonmapServer'
import { createStaticClientHandler } from './http/staticClient'
import { createViteDevClient } from './http/viteDevClient'
import { createJsonLogger } from './logger'
import type { AssetStore } from './storage/AssetStore'
import { FileAssetStore } from './storage/FileAssetStore'
import { openSqliteStorage } from './storage/openSqliteStorage'
import { openPostgresStorage } from './storage/postgres/openPostgresStorage'
import type { Storage } from './storage/Storage'

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000

const logger = createJsonLogger()

/** Stops the process with one plain sentence on stderr (stdout is for the URL only). */
function fail(sentence: string): never {
  process.stderr.write(`${sentence}\n`)
  process.exit(1)
}

const config = parseConfig(process.env)
if (!config.ok) fail(config.error)
const { port, host, dataDir, databaseUrl, leaseMs, maxPresenceBytes, ...settings } = config.value

const dataPath = resolve(dataDir)
let storage: Storage
let assets: AssetStore
if (databaseUrl) {
  // Everything in PostgreSQL, pictures too: this process keeps nothing on its own disk, so
  // any number of them can serve boards side by side behind a proxy.
  try {
    const postgres = await openPostgresStorage({ url: databaseUrl, leaseMs, logger })
    storage = postgres
    assets = postgres.assets
  } catch (error) {
    logger.error('storage.open-failed', { database: 'postgres', error })
    fail(
      'Commonmap could not open the PostgreSQL database in DATABASE_URL; check that it is running and that the address, user and password are right.',
    )
  }
} else {
  try {
    mkdirSync(dataPath, { recursive: true })
    storage = openSqliteStorage({ file: join(dataPath, 'commonmap.sqlite'), logger })
    assets = new FileAssetStore(join(dataPath, 'assets'))
  } catch (error) {
    logger.error('storage.open-failed', { dataDir: dataPath, error })
    fail(
      `Commonmap could not open its data folder ${dataPath}; check that it exists and can be written to.`,
    )
  }
}

// `npm run dev` passes --dev: the app comes live from source through Vite instead of dist/.
const devClient = process.argv.includes('--dev') ? await createViteDevClient() : undefined
const serveClient =
  devClient?.serveClient ?? createStaticClientHandler(join(appRoot, 'dist', 'client'))

let server: CommonmapServer
try {
  server = await createCommonmapServer({
    storage,
    assets,
    ...settings,
    port,
    host,
    maxAwarenessStateBytes: maxPresenceBytes,
    logger,
    serveClient,
  })
} catch (error) {
  const code = (error as { code?: string }).code
  if (code === 'EADDRINUSE') {
    fail(`Port ${port} is already in use; stop the other program or set PORT to another number.`)
  }
  if (code === 'EACCES') {
    fail(`Port ${port} needs administrator rights; set PORT to a number above 1023.`)
  }
  if (code === 'EADDRNOTAVAIL') {
    fail(`HOST ${host} is not an address of this computer; try 127.0.0.1 or 0.0.0.0.`)
  }
  throw error
}

process.stdout.write(`Commonmap is running at ${server.url}\n`)
logger.info('server.started', {
  url: server.url,
  ...(!settings.ledger && { benchmarkingWithoutLedger: true }),
  shareOrigin: server.shareOrigin,
  ...(databaseUrl ? { database: 'postgres' } : { dataDir: dataPath }),
})

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info('server.stopping', { signal })
  // Past the deadline, leaving is still safe: every accepted update was committed before it was
  // relayed, an unfinished compaction writes nothing, and SQLite replays its WAL on next start.
  setTimeout(() => {
    logger.warn('server.shutdown-timeout', { deadlineMs: SHUTDOWN_DEADLINE_MS })
    process.exit(0)
  }, SHUTDOWN_DEADLINE_MS).unref()
  // Order matters: first no new edits (sockets closed with 1012), then let a running compaction
  // finish, checkpoint the WAL and close the database.
  await server.close()
  await devClient?.close()
  await storage.close()
  logger.info('server.stopped', { signal })
  process.exit(0)
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    shutdown(signal).catch((error: unknown) => {
      logger.error('server.shutdown-failed', { error })
      process.exit(1)
    })
  })
}
