import { parseArgs } from 'node:util'
import { copySqliteToPostgres } from './storage/postgres/copySqliteToPostgres'

/**
 * `npm run migrate -- --from ./data --to "$DATABASE_URL"`: copies a SQLite install into an empty
 * PostgreSQL database (see copySqliteToPostgres). Stop the server first; the SQLite folder is
 * left as it was, to keep as a backup.
 */
function fail(sentence: string): never {
  process.stderr.write(`${sentence}\n`)
  process.exit(1)
}

let from: string | undefined
let to: string | undefined
try {
  ;({ from, to } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' } },
  }).values)
} catch {
  fail('Usage: npm run migrate -- --from <data folder> --to <postgres:// address>')
}
if (!from || !to || !/^postgres(ql)?:\/\//.test(to)) {
  fail('Usage: npm run migrate -- --from <data folder> --to <postgres:// address>')
}
try {
  const copied = await copySqliteToPostgres({ from, to })
  process.stdout.write(
    `Copied ${copied.boards} boards, ${copied.participants} people, ${copied.ledgerEntries} ledger entries (verified on both sides), ${copied.licences} licences and ${copied.pictures} pictures to PostgreSQL.\n`,
  )
} catch (error) {
  fail(`Nothing was copied: ${error instanceof Error ? error.message : String(error)}`)
}
