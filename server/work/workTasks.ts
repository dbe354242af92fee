import { move, transferableSymbol, valueSymbol } from 'piscina'
import { assertNever } from '../../shared/assertNever'
import { exportBoardFile, type ExportInput } from '../export/exportBoardFile'
import type { ExportDownload } from '../export/exportDownload'
import { importBoardFile, type ImportInput, type ImportOutcome } from '../import/importBoardFile'

/** The heavy work the server hands to its worker threads (WorkPool.ts). */
export type WorkTask =
  | { readonly kind: 'import'; readonly input: ImportInput }
  | { readonly kind: 'export'; readonly input: ExportInput }

/** What a task gives back, by kind. */
export interface WorkResults {
  readonly import: ImportOutcome
  readonly export: ExportDownload
}

/** What any task gives back. */
export type WorkResult = WorkResults[keyof WorkResults]

/**
 * Runs one task. This module is what each worker thread loads (`npm start` runs it compiled,
 * beside the server: server/ensureBuilt.ts), and it imports nothing that opens files or sockets.
 */
export function runWorkTask(task: WorkTask): WorkResult {
  switch (task.kind) {
    case 'import':
      return importBoardFile(task.input)
    case 'export':
      return movingBody(exportBoardFile(task.input))
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
