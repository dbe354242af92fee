import { SqliteBoardRepository } from '../storage/SqliteBoardRepository'
import { SqliteDatabase } from '../storage/SqliteDatabase'
import { readStoredDocument } from '../storage/SqliteUpdateLog'
import type { ExportSource } from './readBoardForExport'

/** This thread's read-only connections, by database file: opened once, kept while it lives. */
const sources = new Map<string, ExportSource>()

/**
 * Boards of the SQLite database `file`, read for exports through a read-only connection of the
 * calling thread's own (a worker thread's: what an export reads of a large board, its document,
 * ledger and people, is megabytes, which the event loop that serves every board then neither
 * reads nor copies nor collects).
 */
export function sqliteExportSource(file: string): ExportSource {
  let source = sources.get(file)
  if (!source) {
    const database = SqliteDatabase.openReadOnly(file)
    source = {
      log: { load: async (boardId) => readStoredDocument(database, boardId) },
      repository: new SqliteBoardRepository(database),
    }
    sources.set(file, source)
  }
  return source
}
