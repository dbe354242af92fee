import { chromium, expect, type Page } from '@playwright/test'
import { performance } from 'node:perf_hooks'
import { ensureBuilt } from '../../server/ensureBuilt'
import { boardPath } from '../../shared/protocol'
import { fillJoinDialog } from '../browser/boardPage'
import { connectClient } from '../helpers/connectClient'
import { createBoard, joinBoard, person } from '../helpers/createBoard'
import { startServer } from '../helpers/startServer'
import { exportBoardRecords } from './exportBoardRecords'
import { summarize } from './percentiles'

/** The board the export scenario exports, and how often. */
export interface ExportOptions {
  readonly shapes: number
  readonly runs: number
}

/** A finished workshop board, exported three times in each format. */
export const EXPORT_BOARD: ExportOptions = { shapes: 1_000, runs: 3 }

/** One format's exports: the time of each, from the click to the download, and the file size. */
export interface FormatTimes {
  readonly ms: readonly number[]
  readonly median: number
  readonly bytes: number
}

export interface ExportResult {
  readonly options: ExportOptions
  readonly pdf: FormatTimes
  readonly bundle: FormatTimes
}

/** Records written per transaction while filling the board. */
const FILL_BATCH = 250

/**
 * Exports a board of `options.shapes` shapes (map shapes, routes and notes) to the PDF report
 * and to the bundle, in Chromium driving the real built app as a person would: open the Export
 * dialog, press the button, wait for the download. Everything runs in the page (tldraw draws
 * the pictures, pdf-lib writes the PDF, fflate the zip); only the ledger comes from the server.
 */
export async function runExportScenario(
  options: ExportOptions = EXPORT_BOARD,
): Promise<ExportResult> {
  // The scenario drives the built app, as people use it.
  await ensureBuilt()
  const server = await startServer()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  try {
    const boardId = await createBoard(server.url, 'Export bench: a finished workshop board')
    const { token } = await joinBoard(server.url, boardId, person('Priya Shah', 'practitioner'))
    const writer = await connectClient(server.url, boardId, { token })
    const records = exportBoardRecords(options.shapes)
    for (let i = 0; i < records.length; i += FILL_BATCH) {
      writer.doc.transact(() => {
        for (const record of records.slice(i, i + FILL_BATCH)) writer.records.set(record.id, record)
      })
    }
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 800 },
    })
    const page = await context.newPage()
    await page.goto(server.url + boardPath(boardId))
    await fillJoinDialog(page, { name: 'Sam', role: 'Facilitator' })
    await page.getByRole('button', { name: 'Join the board' }).click()
    await expect(page.getByTestId('connection-status')).toHaveText(/Connected/, { timeout: 30_000 })
    await expect(page.locator('.tl-shape')).toHaveCount(options.shapes, { timeout: 60_000 })
    writer.close()

    const pdf = await timeExports(page, 'Report (PDF)', options.runs)
    const bundle = await timeExports(page, 'Everything in one file (zip)', options.runs)
    await context.close()
    return { options, pdf, bundle }
  } finally {
    await browser.close()
    await server.stop()
  }
}

async function timeExports(page: Page, button: string, runs: number): Promise<FormatTimes> {
  const dialog = page.getByTestId('export-dialog')
  if (!(await dialog.isVisible()))
    await page.getByRole('button', { name: 'Export', exact: true }).click()
  const ms: number[] = []
  let bytes = 0
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      dialog.getByRole('button', { name: button }).click(),
    ])
    ms.push(performance.now() - started)
    const stream = await download.createReadStream()
    bytes = 0
    for await (const chunk of stream) bytes += (chunk as Buffer).length
    await expect(dialog.getByRole('status')).toContainText('is ready')
  }
  return { ms, median: summarize(ms).p50, bytes }
}
