import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MMAP_BYTES, SqliteDatabase } from './SqliteDatabase'

describe('SqliteDatabase', () => {
  const folders: string[] = []
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
  })

  it('opens its connection in WAL mode, committing without fsync, reading through a memory map', () => {
    const folder = mkdtempSync(join(tmpdir(), 'commonmap-sqlite-'))
    folders.push(folder)
    const database = SqliteDatabase.open(join(folder, 'boards', 'commonmap.db'))
    try {
      const pragma = (name: string) => database.db.pragma(name, { simple: true })
      expect(pragma('journal_mode')).toBe('wal')
      expect(pragma('synchronous')).toBe(1)
      expect(pragma('wal_autocheckpoint')).toBe(0)
      expect(pragma('mmap_size')).toBe(MMAP_BYTES)
    } finally {
      database.close()
    }
  })
})
