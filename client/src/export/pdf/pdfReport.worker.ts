import type { BoardExport } from '../../../../shared/export/boardExport'
import type { PdfFonts } from './PdfWriter'
import { renderPdfReport, type ReportPictures } from './renderPdfReport'

/** What the page sends: the report and its fonts first, the pictures once they are drawn. */
export type PdfReportRequest =
  | { readonly kind: 'report'; readonly report: BoardExport; readonly fonts: PdfFonts }
  | { readonly kind: 'pictures'; readonly pictures: ReportPictures }

/** What the worker answers, once. */
export type PdfReportReply =
  | { readonly kind: 'done'; readonly pdf: Uint8Array }
  | { readonly kind: 'failed'; readonly message: string }

// Off the page's thread, pdf-lib parses and subsets the fonts and lays out the text while the
// page is busy with tldraw drawing the pictures; only placing them and saving is left after.
let providePictures: (pictures: ReportPictures) => void
const pictures = new Promise<ReportPictures>((resolve) => (providePictures = resolve))

const reply = (message: PdfReportReply, transfer: Transferable[] = []) =>
  self.postMessage(message, { transfer })

self.onmessage = (event: MessageEvent<PdfReportRequest>) => {
  const request = event.data
  if (request.kind === 'pictures') return providePictures(request.pictures)
  renderPdfReport(request.report, pictures, request.fonts).then(
    (pdf) => reply({ kind: 'done', pdf }, [pdf.buffer]),
    (error: unknown) =>
      reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
  )
}
