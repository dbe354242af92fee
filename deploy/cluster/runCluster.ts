import { SERVER_BUILD, SERVER_NODE_OPTIONS } from '../../server/ensureBuilt'
import { startCluster } from './startCluster'

/**
 * `npm run cluster`: Commonmap as several machines would run it, on this one. A throwaway
 * PostgreSQL in a temporary folder, three Commonmap processes sharing it and HAProxy in front
 * (deploy/haproxy.cfg); prints the address and stops everything on Ctrl-C. Needs Debian's
 * `postgresql` and `haproxy` packages. PORT sets HAProxy's port (default 8080).
 */
const port = Number(process.env.PORT ?? 8080)
process.stderr.write('Starting PostgreSQL, three Commonmap processes and HAProxy…\n')
const cluster = await startCluster({
  port,
  nodeArgs: [...SERVER_NODE_OPTIONS, SERVER_BUILD.output],
})
process.stdout.write(`Commonmap is running at ${cluster.url} (three processes behind HAProxy)\n`)
for (const started of cluster.processes) {
  process.stdout.write(`  process ${started.number}: ${started.url} (pid ${started.pid})\n`)
}
process.stdout.write('Press Ctrl-C to stop them all; the boards are deleted with PostgreSQL.\n')
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    void cluster.stop().then(() => process.exit(0))
  })
}
