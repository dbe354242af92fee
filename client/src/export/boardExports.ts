import {
  buildBoardExport,
  type BoardExport,
  type BoardExportSource,
} from '../../../shared/export/boardExport'
import { strToU8, zipSync } from 'fflate'
import { bundleReadme } from '../../../shared/export/bundleReadme'
import { buildLedgerExport } from '../../../shared/export/ledgerExport'
import { fetchLedger } from '../api'
import { bytesToBase64 } from '../../../shared/export/boardPayload'
import { exportFileName } from '../../../shared/export/exportFileName'
import { EXCALIDRAW_MIME_TYPE, excalidrawFile } from '../../../shared/export/excalidrawFile'
import { exportedBoardFile } from '../../../shared/export/exportedBoardFile'
import {
  PLAIN_TLDRAW_FILE_QUALIFIER,
  plainTldrawFile,
} from '../../../shared/export/plainTldrawFile'
import { renderCsv } from '../../../shared/export/renderCsv'
import { renderHtmlReport } from '../../../shared/export/renderHtmlReport'
import { TLDR_MIME_TYPE } from '../../../shared/export/tldrFile'
import { commonmapSchema } from '../../../shared/schema'
import type { BoardDrawer, PictureScope } from './boardPictures'
import { renderPdfReport } from './pdf/renderPdfReport'
import { loadReportFonts } from './pdf/reportFonts'

/** What an export is made from. */
export interface ExportInput {
  /** What draws the board's pictures: the canvas's; none without it (then reports are text). */
  readonly drawer?: BoardDrawer
  readonly boardId: string
  /** This device's token for the board: the ledger is only for people on it. */
  readonly token: string
  /**
   * The board as it is at this moment, read when the export starts, so every name in it follows
   * each person's credit choice in force now.
   */
  readonly source: BoardExportSource
}

/** A file made on this device, ready to download. */
export interface ExportedFile {
  readonly fileName: string
  readonly blob: Blob
}

/**
 * The PDF report: the board and its areas as pictures (when there is a canvas to draw them), the
 * map as text, credits, licence.
 */
export async function exportPdf({ drawer, source }: ExportInput): Promise<ExportedFile> {
  const report = buildBoardExport(source)
  const fonts = loadReportFonts()
  // Drawing the pictures goes on while the report's text is laid out.
  const pictures = drawer ? drawer.reportPictures(report.frames) : null
  const pdf = await renderPdfReport(report, pictures, await fonts)
  return file(source.title, 'pdf', bytesBlob(pdf, 'application/pdf'))
}

/** A PNG of the board or the selection, with the board inside it. */
export async function exportPng(
  { drawer, source }: ExportInput,
  scope: PictureScope,
): Promise<ExportedFile> {
  const pictures = needPictures(drawer)
  const png = await pictures.png(source, scope, await pictures.drawScope(scope))
  return file(source.title, 'png', bytesBlob(png, 'image/png'), scopeQualifier(scope))
}

/** An SVG of the board or the selection, with the board inside it. */
export async function exportSvg(
  { drawer, source }: ExportInput,
  scope: PictureScope,
): Promise<ExportedFile> {
  const pictures = needPictures(drawer)
  const svg = pictures.svg(source, scope, await pictures.drawScope(scope))
  return file(
    source.title,
    'svg',
    new Blob([svg], { type: 'image/svg+xml' }),
    scopeQualifier(scope),
  )
}

/** The board as a `.tldr` file for Commonmap, with who added what. */
export function exportTldr({ source }: ExportInput): ExportedFile {
  const tldr = exportedBoardFile(source, commonmapSchema.serialize())
  return file(source.title, 'tldr', new Blob([tldr], { type: TLDR_MIME_TYPE }))
}

/** The board in tldraw's own shapes, as a `.tldr` file that any tldraw app opens. */
export function exportPlainTldr({ source }: ExportInput): ExportedFile {
  const tldr = plainTldrawFile(source, commonmapSchema.serialize())
  return file(
    source.title,
    'tldr',
    new Blob([tldr], { type: TLDR_MIME_TYPE }),
    PLAIN_TLDRAW_FILE_QUALIFIER,
  )
}

/** The board as an Excalidraw file. */
export function exportExcalidraw({ source }: ExportInput): ExportedFile {
  const scene = excalidrawFile(source, commonmapSchema.serialize())
  return file(source.title, 'excalidraw', new Blob([scene], { type: EXCALIDRAW_MIME_TYPE }))
}

/** The map as rows for a spreadsheet. */
export function exportCsv({ source }: ExportInput): ExportedFile {
  const csv = renderCsv(buildBoardExport(source))
  return file(source.title, 'csv', new Blob([csv], { type: 'text/csv;charset=utf-8' }))
}

/**
 * The report as one accessible web page that works offline and from a disk, with the whole
 * board as a picture inside it when there is a canvas to draw it.
 */
export async function exportHtml({ drawer, source }: ExportInput): Promise<ExportedFile> {
  const board = drawer ? (await drawer.reportPictures([])).board : null
  const html = htmlReport(buildBoardExport(source), board)
  return file(source.title, 'html', new Blob([html], { type: 'text/html;charset=utf-8' }))
}

/**
 * Everything in one zip file: both reports, both pictures (each carrying the board, when there
 * is a canvas to draw them), the board file for Commonmap, for tldraw and for Excalidraw, the
 * spreadsheet, the ledger and a README saying what each file is, all made from the same reading
 * of the board so they agree with each other.
 */
export async function exportBundle(input: ExportInput): Promise<ExportedFile> {
  const { drawer, source } = input
  const report = buildBoardExport(source)
  const whole: PictureScope = { kind: 'board' }
  const drawn = drawer
    ? (async () => {
        const drawing = await drawer.drawScope(whole)
        const pictures = await drawer.reportPictures(report.frames, drawing)
        return {
          pictures,
          png: await drawer.png(source, whole, drawing),
          svg: drawer.svg(source, whole, drawing),
        }
      })()
    : Promise.resolve(null)
  // The report's text is laid out while the pictures are drawn.
  const pdf = renderPdfReport(
    report,
    drawn.then((made) => made?.pictures ?? null),
    await loadReportFonts(),
  )
  const [made, ledger, pdfBytes] = await Promise.all([
    drawn,
    fetchLedger(input.boardId, input.token),
    pdf,
  ])
  const ledgerFile = buildLedgerExport(
    { id: input.boardId, title: source.title },
    ledger.entries,
    source.people,
    source.now,
  )
  const text = (value: string) => strToU8(value)
  const schema = commonmapSchema.serialize()
  // PNG and PDF are compressed already; squeezing them again only costs time.
  const stored = { level: 0 } as const
  const zip = zipSync({
    'README.txt': text(bundleReadme(report)),
    'report.pdf': [pdfBytes, stored],
    'report.html': text(htmlReport(report, made?.pictures.board ?? null)),
    ...(made && { 'board.png': [made.png, stored], 'board.svg': text(made.svg) }),
    'board.tldr': text(exportedBoardFile(source, schema)),
    'board-for-tldraw.tldr': text(plainTldrawFile(source, schema)),
    'board.excalidraw': text(excalidrawFile(source, schema)),
    'map.csv': text(renderCsv(report)),
    'ledger.json': text(JSON.stringify(ledgerFile, null, 2)),
  })
  return file(source.title, 'zip', bytesBlob(zip, 'application/zip'))
}

/** Pictures need the canvas; the dialog offers them only where there is one. */
function needPictures(drawer: BoardDrawer | undefined): BoardDrawer {
  if (!drawer) throw new Error('Pictures of the board are made from the board view.')
  return drawer
}

function htmlReport(report: BoardExport, boardPicture: Uint8Array | null): string {
  return renderHtmlReport(
    report,
    boardPicture
      ? {
          boardImage: {
            src: `data:image/jpeg;base64,${bytesToBase64(boardPicture)}`,
            alt: 'A picture of the whole board. Everything on it is written out in this report.',
          },
        }
      : {},
  )
}

function scopeQualifier(scope: PictureScope): string | undefined {
  return scope.kind === 'selection' ? 'selection' : undefined
}

/**
 * Named as the server names its downloads, so the same export has the same name wherever it
 * was made; a picture of the selection says so ("… - selection.png").
 */
function file(title: string, extension: string, blob: Blob, qualifier?: string): ExportedFile {
  return { fileName: exportFileName(title, extension, qualifier), blob }
}

/**
 * A blob of bytes made on this page. TypeScript cannot tell that pdf-lib's and the PNG
 * encoder's arrays are never views of shared memory, which a Blob cannot hold; they never are.
 */
function bytesBlob(bytes: Uint8Array, type: string): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type })
}
