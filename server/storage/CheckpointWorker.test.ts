import Database from 'better-sqlite3'
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../../tests/helpers/waitFor'
import { silentLogger } from '../logger'
import { CheckpointWorker } from './CheckpointWorker'
import { checkpointPassively } from './SqliteDatabase'

describe('CheckpointWorker', () => {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  /** A database in WAL mode, as the server opens one, with one table to commit rows to. */
  function openDatabase() {
    const dir = mkdtempSync(join(tmpdir(), 'commonmap-checkpoint-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'db.sqlite')
    const db = new Database(file)
    cleanups.push(() => db.close())
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('wal_autocheckpoint = 0')
    db.exec('CREATE TABLE t (x BLOB)')
    return { file, db, insert: db.prepare('INSERT INTO t VALUES (?)') }
  }

  it('copies what was committed into the database file from its own thread, started by the first write and stopped when idle', async () => {
    const { file, db, insert } = openDatabase()
    for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(4096, i))
    const before = statSync(file).size
    // Nothing checkpoints on its own: the rows are only in the write-ahead log.
    expect(before).toBeLessThan(200 * 4096)

    const worker = new CheckpointWorker(file, silentLogger, () => checkpointPassively(db), {
      everyMs: 20,
      idleMs: 200,
    })
    cleanups.push(() => worker.close())
    expect(worker.isRunning).toBe(false)
    worker.wrote()
    await waitFor(() => statSync(file).size >= 200 * 4096, { what: 'a checkpoint' })
    // A quiet database keeps no thread for it.
    await waitFor(() => !worker.isRunning, { what: 'the idle worker to stop' })
  })

  it('starts a long log again from its beginning while the other connection commits without a pause', async () => {
    const { file, db, insert } = openDatabase()
    const worker = new CheckpointWorker(file, silentLogger, () => checkpointPassively(db), {
      everyMs: 10,
      restartFrames: 128,
    })
    cleanups.push(() => worker.close())

    // A commit every turn, as a busy server makes them: each checkpoint of the worker's misses
    // the frames committed while it ran, so only the committing connection can finish the log.
    // Without that, the log never started again (it held 3 to 4 frames per commit).
    let commits = 0
    await new Promise<void>((resolve, reject) => {
      const commit = () => {
        if (commits % 50 === 0 && restartsOf(file) >= 2) return resolve()
        if (commits === 20_000) return reject(new Error('The log never started again twice'))
        insert.run(Buffer.alloc(4096, commits++ % 256))
        worker.wrote()
        setImmediate(commit)
      }
      commit()
    })
  })
})

/** How many times the write-ahead log started again: its header's checkpoint sequence number. */
function restartsOf(file: string): number {
  const fd = openSync(`${file}-wal`, 'r')
  try {
    const header = Buffer.alloc(16)
    readSync(fd, header, 0, 16, 0)
    return header.readUInt32BE(12)
  } finally {
    closeSync(fd)
  }
}
