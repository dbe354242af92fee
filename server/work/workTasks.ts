import { move, transferableSymbol, valueSymbol } from 'piscina'
import type { ExportFormat } from '../../shared/api'
import { assertNever } from '../../shared/assertNever'
import { exportBoardFile, type ExportInput } from '../export/exportBoardFile'
import type { ExportDownload } from '../export/exportDownload'
import { readExportInput } from '../export/readBoardForExport'
import { sqliteExportSource } from '../export/sqliteExportSource'
import { importBoardFile, type ImportInput, type ImportOutcome } from '../import/importBoardFile'

/** An export whose board the worker thread reads itself, from the SQLite database file. */
export interface StoredExportInput {
  readonly format: ExportFormat
  readonly sqliteFile: string
  readonly boardId: string
  /** Server time of the request, epoch ms. */
  readonly now: number
  /** Cards hidden for review are in it (a facilitator asked). */
  readonly withHidden: boolean
}

/** The heavy work the server hands to its worker threads (WorkPool.ts). */
export type WorkTask =
  | { readonly kind: 'import'; readonly input: ImportInput }
  | { readonly kind: 'export'; readonly input: ExportInput }
  | { readonly kind: 'stored-export'; readonly input: StoredExportInput }

/** What a task gives back, by kind. */
export interface WorkResults {
  readonly import: ImportOutcome
  readonly export: ExportDownload
  readonly 'stored-export': ExportDownload
}

/** What any task gives back. */
export type WorkResult = WorkResults[keyof WorkResults]

/**
 * Runs one task. This module is what each worker thread loads (`npm start` runs it compiled,
 * beside the server: server/ensureBuilt.ts); the only file it opens is the SQLite database, to
 * read, for a stored export.
 */
export async function runWorkTask(task: WorkTask): Promise<WorkResult> {
  switch (task.kind) {
    case 'import':
      return importBoardFile(task.input)
    case 'export':
      return movingBody(exportBoardFile(task.input))
    case 'stored-export': {
      const { sqliteFile, boardId, format, now, withHidden } = task.input
      const source = sqliteExportSource(sqliteFile)
      return movingBody(
        exportBoardFile(await readExportInput(source, boardId, format, now, withHidden)),
      )
    }
    default:
      return assertNever(task)
  }
}

/**
 * An export whose file, in both encodings, is moved to the main thread rather than copied (a
 * large board's report is megabytes, and the copy would be made on the event loop that serves
 * every room).
 */
function movingBody(download: ExportDownload): ExportDownload {
  return move({
    get [transferableSymbol]() {
      return [download.body.buffer, download.gzipped.buffer]
    },
    get [valueSymbol]() {
      return download
    },
  }) as unknown as ExportDownload
}
