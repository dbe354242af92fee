import { spawn } from 'node:child_process'
import { hasPostgres, POSTGRES_BIN, startThrowawayPostgres } from './throwawayPostgres'

/**
 * `tsx deploy/cluster/withThrowawayPostgres.ts <command…>`: runs a command with DATABASE_URL set
 * to a throwaway PostgreSQL (started in a temporary folder, stopped and deleted after), and
 * exits with the command's status. `npm run test:postgres` runs the integration tests this way.
 * Without PostgreSQL installed it says so and runs nothing (`npm test` must pass right after
 * `npm install`), except with CI set, where that is a failure: `.ci/run` installs it.
 */
const [command, ...args] = process.argv.slice(2)
if (!command) {
  process.stderr.write('Usage: tsx deploy/cluster/withThrowawayPostgres.ts <command> [args…]\n')
  process.exit(2)
}
if (!hasPostgres()) {
  // In CI a missing PostgreSQL is .ci/run's fault, and skipping would pass without the tests.
  const inCi = Boolean(process.env.CI)
  process.stderr.write(
    `${inCi ? 'Failed' : 'Skipped'}: PostgreSQL is not installed (no ${POSTGRES_BIN}/postgres), so "${[command, ...args].join(' ')}" did not run against it. apt-get install postgresql, as .ci/run does.\n`,
  )
  process.exit(inCi ? 1 : 0)
}
// The tests check what several processes do with the database, not the disk: no fsync.
const postgres = await startThrowawayPostgres({ withoutFsync: true })
process.stderr.write(`A throwaway PostgreSQL is running at ${postgres.url}\n`)
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: postgres.url },
})
const stop = () => child.kill('SIGTERM')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
const status = await new Promise<number>((resolve) =>
  child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
)
await postgres.stop()
process.exit(status)
