import type { BoardExport } from '../../../../shared/export/boardExport'
import type { PdfReportReply, PdfReportRequest } from './pdfReport.worker'
import type { PdfFonts } from './PdfWriter'
import type { ReportPictures } from './renderPdfReport'

/**
 * `renderPdfReport` in a worker of its own, so writing the PDF does not hold up the page
 * while tldraw draws the pictures on it: the text is laid out there meanwhile, and the pictures
 * are sent over when they are ready.
 */
export function renderPdfReportInWorker(
  report: BoardExport,
  pictures: Promise<ReportPictures>,
  fonts: PdfFonts,
): Promise<Uint8Array> {
  const worker = new Worker(new URL('./pdfReport.worker.ts', import.meta.url), { type: 'module' })
  const send = (request: PdfReportRequest) => worker.postMessage(request)
  const finished = new Promise<Uint8Array>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<PdfReportReply>) =>
      data.kind === 'done' ? resolve(data.pdf) : reject(new Error(data.message))
    worker.onerror = (event) => {
      event.preventDefault()
      reject(new Error(`The report could not be written: ${event.message}`))
    }
  })
  send({ kind: 'report', report, fonts })
  // Pictures that could not be drawn fail the returned promise below.
  void pictures.then(
    (drawn) => send({ kind: 'pictures', pictures: drawn }),
    () => undefined,
  )
  return Promise.all([finished, pictures])
    .then(([pdf]) => pdf)
    .finally(() => worker.terminate())
}
