import { gzipSync } from 'node:zlib'
import type { ExportFormat } from '../../shared/api'
import { buildBoardExport } from '../../shared/export/boardExport'
import { EXCALIDRAW_MIME_TYPE, excalidrawFile } from '../../shared/export/excalidrawFile'
import { exportedBoardFile } from '../../shared/export/exportedBoardFile'
import { exportFileName } from '../../shared/export/exportFileName'
import { buildLedgerExport } from '../../shared/export/ledgerExport'
import { HTML_REPORT_CSP, renderHtmlReport } from '../../shared/export/renderHtmlReport'
import { PLAIN_TLDRAW_FILE_QUALIFIER, plainTldrawFile } from '../../shared/export/plainTldrawFile'
import { renderCsv } from '../../shared/export/renderCsv'
import { TLDR_MIME_TYPE } from '../../shared/export/tldrFile'
import type { LedgerEntry } from '../../shared/ledger'
import { assertNever } from '../../shared/assertNever'
import type { BoardForExport } from './exportBoardFile'

/** A file to send as a download. */
export interface ExportDownload {
  readonly fileName: string
  readonly contentType: string
  /**
   * The file as UTF-8, encoded where it was made (a worker thread): encoding a large export
   * while sending it took the event loop that serves every room several milliseconds each.
   */
  readonly body: Uint8Array
  /**
   * The same bytes gzipped, for whoever accepts that (nearly everyone). Twenty people pressing
   * Export together get one file, but twenty copies are still written to their sockets from the
   * event loop: a 1,000-card board's .tldr is 536 KB and took 40–50 ms to write twenty times;
   * gzipped it is 14 KB. Made here, on the worker thread, like the body.
   */
  readonly gzipped: Uint8Array
  /**
   * The policy the file is served with. Nothing an export holds needs to run or load anything;
   * the report may use its inline style and `data:` pictures, and is sandboxed like the rest, so
   * even a bug in escaping could not run script.
   */
  readonly contentSecurityPolicy: string
}

const utf8 = new TextEncoder()

const LOCKED_DOWN =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"

/** One export of a board, in `format`, with names as each person chooses to be credited now. */
export function exportDownload(
  board: BoardForExport,
  format: ExportFormat,
  ledger: () => readonly LedgerEntry[],
): ExportDownload {
  const { source, info } = board
  const file = (
    extension: string,
    contentType: string,
    body: string,
    { csp = LOCKED_DOWN, qualifier }: { csp?: string; qualifier?: string } = {},
  ) => {
    const bytes = utf8.encode(body)
    return {
      fileName: exportFileName(info.title, extension, qualifier),
      contentType,
      body: bytes,
      // A copy with a buffer of its own: a small result of gzipSync may share Node's buffer
      // pool, which must not be moved to the main thread.
      gzipped: new Uint8Array(gzipSync(bytes)),
      contentSecurityPolicy: csp,
    }
  }
  switch (format) {
    case 'tldr':
      return file('tldr', TLDR_MIME_TYPE, exportedBoardFile(source, board.schema))
    case 'tldr-plain':
      return file('tldr', TLDR_MIME_TYPE, plainTldrawFile(source, board.schema), {
        qualifier: PLAIN_TLDRAW_FILE_QUALIFIER,
      })
    case 'excalidraw':
      return file('excalidraw', EXCALIDRAW_MIME_TYPE, excalidrawFile(source, board.schema))
    case 'csv':
      return file('csv', 'text/csv; charset=utf-8', renderCsv(buildBoardExport(source)))
    case 'html':
      return file('html', 'text/html; charset=utf-8', renderHtmlReport(buildBoardExport(source)), {
        csp: `${HTML_REPORT_CSP}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox`,
      })
    case 'ledger': {
      const body = buildLedgerExport(info, ledger(), source.people, source.now)
      return file('ledger.json', 'application/json; charset=utf-8', JSON.stringify(body, null, 2))
    }
    default:
      return assertNever(format)
  }
}
