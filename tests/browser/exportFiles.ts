import { expect, type Page } from '@playwright/test'
import { unzipSync } from 'fflate'
import { readFile } from 'node:fs/promises'
import { extractBoardFromPng } from '../../shared/export/pngBoard'
import { extractBoardFromSvg } from '../../shared/export/svgBoard'
import { readPdf } from '../helpers/pdfText'

/** A file downloaded from the board's Export dialog. */
export interface DownloadedFile {
  readonly name: string
  readonly bytes: Buffer
}

/** The Export dialog, opened if it is not open yet. */
export async function openExportDialog(page: Page) {
  const dialog = page.getByTestId('export-dialog')
  if (!(await dialog.isVisible()))
    await page.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog).toBeVisible()
  return dialog
}

/** Makes one export from the Export dialog, as a person would, and returns the file. */
export async function downloadExport(page: Page, button: string): Promise<DownloadedFile> {
  const dialog = await openExportDialog(page)
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    dialog.getByRole('button', { name: button }).click(),
  ])
  await expect(dialog.getByRole('status')).toContainText('is ready')
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) }
}

/**
 * Everything a person or a program could read out of an exported file: its bytes as text and,
 * for formats that compress or encode what they hold, the decoded contents too — the board
 * inside a picture, the text and metadata of a PDF, every file in a zip.
 */
export async function readableContents(file: DownloadedFile): Promise<string> {
  const raw = file.bytes.toString('latin1') + file.bytes.toString('utf8')
  const extension = file.name.split('.').pop()
  switch (extension) {
    case 'png':
      return raw + (extractBoardFromPng(file.bytes) ?? '')
    case 'svg':
      return raw + (extractBoardFromSvg(file.bytes.toString('utf8')) ?? '')
    case 'pdf': {
      const pdf = await readPdf(file.bytes)
      return [raw, pdf.title, pdf.subject, pdf.creator, ...pdf.pages].join('\n')
    }
    case 'zip': {
      const parts = await Promise.all(
        Object.entries(unzipSync(file.bytes)).map(([name, bytes]) =>
          readableContents({ name, bytes: Buffer.from(bytes) }),
        ),
      )
      return [raw, ...parts].join('\n')
    }
    default:
      return raw
  }
}
