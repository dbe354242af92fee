import { expect, test } from './fixtures'
import { unzipSync } from 'fflate'
import { mkdir, writeFile } from 'node:fs/promises'
import { SESSION_AREAS } from '../../shared/sessionAreas'
import { ApiPath } from '../../shared/api'
import { extractBoardFromPng } from '../../shared/export/pngBoard'
import { extractBoardFromSvg } from '../../shared/export/svgBoard'
import { readTldrFile } from '../../shared/export/tldrFile'
import { commonmapSchema } from '../../shared/schema'
import { connectClient } from '../helpers/connectClient'
import { createBoard, joinBoard as joinThroughApi, person } from '../helpers/createBoard'
import { HIDDEN_NAME } from '../helpers/exportSource'
import { readPdf } from '../helpers/pdfText'
import { mapShapeRecord } from '../helpers/mapRecords'
import {
  cardWords,
  everyKindOfMapRecord,
  everyKindOfMapRecordInSession,
} from '../helpers/serviceMapRecords'
import { openInTldraw } from '../helpers/openInTldraw'
import { startServer, type TestServer } from '../helpers/startServer'
import {
  joinBoard,
  recordOutsideRequests,
  SCREENSHOT_DIR,
  shapes,
  waitForTextEditor,
} from './boardPage'
import { openInEditor, startEditorPages } from './editorPages'
import {
  downloadExport,
  openExportDialog,
  readableContents,
  type DownloadedFile,
} from './exportFiles'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

const INJECTION = '<script>alert(1)</script>'

/** The shapes of a board file, by type. */
function shapeTypes(boardJson: string): string[] {
  const read = readTldrFile(boardJson, commonmapSchema)
  if (!read.ok) throw new Error(read.error)
  return read.records.flatMap((record) => (record.typeName === 'shape' ? [record.type] : []))
}

test('someone who chose not to be named exports every format; each file has the board, credits others, is safe, and never names them', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url, 'Crisis support in Leeds')
  const context = await browser.newContext({ acceptDownloads: true })
  const outside = recordOutsideRequests(context, server.url)
  const page = await context.newPage()
  await joinBoard(page, server.url, boardId, {
    name: HIDDEN_NAME,
    role: 'Lived experience',
    credit: 'Do not name me',
  })

  // A text typed on the canvas with tldraw's own text tool, whose words try to run a script.
  await page.getByTestId('tools.text').click()
  await page.mouse.click(640, 420)
  await waitForTextEditor(page)
  await page.keyboard.type(INJECTION)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')

  const priya = await joinThroughApi(server.url, boardId, person('Priya Shah', 'practitioner'))
  const writer = await connectClient(server.url, boardId, { token: priya.token })
  writer.doc.transact(() => {
    for (const record of everyKindOfMapRecord()) writer.records.set(record.id, record)
  })
  await expect(shapes(page, 'route')).toHaveCount(5)
  // Priya chooses the licence; every export carries it, and who chose it.
  const chosen = await fetch(server.url + ApiPath.licence(boardId), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${priya.token}` },
    body: JSON.stringify({ licence: 'cc-by-sa-4.0' }),
  })
  expect(chosen.status).toBe(200)

  const dialog = await openExportDialog(page)
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: `${SCREENSHOT_DIR}/export-dialog.png` })
  await expect(dialog.getByRole('button', { name: 'Report (PDF)' })).toBeFocused()

  const files: DownloadedFile[] = []
  const pdf = await downloadExport(page, 'Report (PDF)')
  files.push(pdf)
  expect(pdf.name).toBe('Crisis support in Leeds.pdf')
  await writeFile(`${SCREENSHOT_DIR}/export-report.pdf`, pdf.bytes)
  const report = await readPdf(pdf.bytes)
  expect(report.title).toBe('Crisis support in Leeds')
  expect(report.creator).toBe('Commonmap')
  const text = report.pages.join('\n')
  for (const words of [
    'Crisis support in Leeds',
    'The whole board',
    'What we mapped',
    'Park Road GP',
    'Housing Options',
    'No route from Park Road GP to Crisis team',
    'What happens next',
    'Ask the GP about longer phone hours',
    'Who made this',
    'Priya Shah',
    'Creative Commons Attribution-ShareAlike 4.0',
    'Chosen by Priya Shah · Practitioner',
  ]) {
    expect(text).toContain(words)
  }

  const png = await downloadExport(page, 'Picture (PNG)')
  const svg = await downloadExport(page, 'Picture that stays sharp (SVG)')
  files.push(png, svg)
  expect(png.name).toBe('Crisis support in Leeds.png')
  for (const board of [
    extractBoardFromPng(png.bytes),
    extractBoardFromSvg(svg.bytes.toString('utf8')),
  ]) {
    const types = shapeTypes(board!)
    expect(types.filter((type) => type === 'service')).toHaveLength(4)
    expect(types.filter((type) => type === 'route')).toHaveLength(5)
    expect(types).toContain('text')
  }

  // The words of the text are text in the SVG, never a script element…
  const svgText = svg.bytes.toString('utf8')
  expect(svgText).not.toMatch(/<script/i)
  expect(svgText).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  for (const button of [
    'Report as a web page (HTML)',
    'Spreadsheet (CSV)',
    'Board file (.tldr)',
    'For any tldraw app (.tldr)',
    'For Excalidraw (.excalidraw)',
  ]) {
    files.push(await downloadExport(page, button))
  }

  const bundle = await downloadExport(page, 'Everything in one file (zip)')
  files.push(bundle)
  expect(bundle.name).toBe('Crisis support in Leeds.zip')
  const inside = unzipSync(bundle.bytes)
  expect(Object.keys(inside).sort()).toEqual([
    'README.txt',
    'board-for-tldraw.tldr',
    'board.excalidraw',
    'board.png',
    'board.svg',
    'board.tldr',
    'ledger.json',
    'map.csv',
    'report.html',
    'report.pdf',
  ])
  expect((await readPdf(inside['report.pdf']!)).pages.join(' ')).toContain('Who made this')
  const ledger = JSON.parse(Buffer.from(inside['ledger.json']!).toString('utf8'))
  expect(ledger.verified).toBe(true)
  expect(ledger.entries.length).toBeGreaterThan(10)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // Only what is selected: the text, and nothing else on the board.
  await page.locator('.tl-shape[data-shape-type="text"]').click()
  await openExportDialog(page)
  await dialog.getByRole('radio', { name: /^Only what is selected \(1 thing\)/ }).check()
  const selection = await downloadExport(page, 'Picture (PNG)')
  files.push(selection)
  expect(selection.name).toBe('Crisis support in Leeds - selection.png')
  expect(shapeTypes(extractBoardFromPng(selection.bytes)!)).toEqual(['text'])

  // …and opened as a page, the SVG runs nothing.
  const alerts: string[] = []
  page.on('dialog', (shown) => {
    alerts.push(shown.message())
    void shown.dismiss()
  })
  await page.setContent(svgText)
  await expect(page.locator('svg').first()).toBeVisible()
  expect(alerts).toEqual([])

  for (const file of files) {
    const contents = await readableContents(file)
    for (const name of [HIDDEN_NAME, ...HIDDEN_NAME.split(' ')]) {
      expect(contents, `${file.name} names ${name}`).not.toContain(name)
    }
  }
  expect(outside).toEqual([])
  writer.close()
  await context.close()
})

test('the PDF report of a session gives each area a page of its own', async ({ browser }) => {
  const boardId = await createBoard(server.url, 'Our co-design session', {
    template: 'co-design',
  })
  const context = await browser.newContext({ acceptDownloads: true })
  const page = await context.newPage()
  await joinBoard(page, server.url, boardId, { name: 'Sam', role: 'Facilitator' })
  // The board opens on its first area, readable; the whole board is a button away.
  await page.getByRole('button', { name: 'Whole board' }).click()
  await expect(page.locator('.tl-frame-heading')).toHaveCount(SESSION_AREAS.length)

  const report = await readPdf((await downloadExport(page, 'Report (PDF)')).bytes)
  SESSION_AREAS.forEach((area, index) => {
    // Page 1 is the title and the whole board; then one page for each area, in session order.
    expect(report.pages[index + 1]).toMatch(new RegExp(`^${area.name}`))
  })
  await context.close()
})

test('a participant exports the board for any tldraw app and for Excalidraw, and each opens in its own editor', async ({
  browser,
}) => {
  // Twice the suite's time: after the export, two editors (tldraw and Excalidraw) are served
  // module by module from a Vite dev server and opened in Chromium; with the machine at a load
  // average of 25 to 40, the suite's four minutes ran out while Excalidraw's page was loading.
  test.setTimeout(480_000)
  const boardId = await createBoard(server.url, 'Crisis support in Leeds', {
    template: 'co-design',
  })
  // Priya lays out the map; someone who chose not to be named adds a barrier, and their
  // device's tldraw keeps the name they typed in its user record.
  const map = everyKindOfMapRecordInSession()
  const priya = await joinThroughApi(server.url, boardId, person('Priya Shah', 'practitioner'))
  const zeb = await joinThroughApi(
    server.url,
    boardId,
    person(HIDDEN_NAME, 'lived-experience', { credit: 'not-named' }),
  )
  const writers = await Promise.all(
    [priya, zeb].map((joined) => connectClient(server.url, boardId, { token: joined.token })),
  )
  const theirs = mapShapeRecord(
    'purpose-note',
    'nobody-rings',
    { purpose: 'barrier', text: 'Nobody rings back' },
    { x: 1400, y: 2200 },
  )
  writers[0]!.doc.transact(() =>
    map.forEach((record) => writers[0]!.records.set(record.id, record)),
  )
  writers[1]!.doc.transact(() => {
    writers[1]!.records.set(theirs.id, theirs)
    writers[1]!.records.set(`user:${zeb.participant.id}`, {
      id: `user:${zeb.participant.id}`,
      typeName: 'user',
      name: HIDDEN_NAME,
      color: '#000000',
      imageUrl: '',
      meta: {},
    } as never)
  })

  // Someone credited by a made-up name exports, from their own device.
  const context = await browser.newContext({ acceptDownloads: true })
  const outside = recordOutsideRequests(context, server.url)
  const page = await context.newPage()
  await joinBoard(page, server.url, boardId, {
    name: 'Carys Lloyd',
    role: 'Practitioner',
    credit: 'A made-up name',
    pseudonym: 'Blue Heron',
  })
  await expect(shapes(page, 'route')).toHaveCount(5)
  await expect(shapes(page, 'purpose-note')).toHaveCount(5)
  const plain = await downloadExport(page, 'For any tldraw app (.tldr)')
  expect(plain.name).toBe('Crisis support in Leeds - for any tldraw app.tldr')
  const excalidraw = await downloadExport(page, 'For Excalidraw (.excalidraw)')
  expect(excalidraw.name).toBe('Crisis support in Leeds.excalidraw')
  for (const file of [plain, excalidraw]) {
    const contents = await readableContents(file)
    for (const name of [HIDDEN_NAME, ...HIDDEN_NAME.split(' '), zeb.participant.id, 'Carys']) {
      expect(contents, `${file.name} names ${name}`).not.toContain(name)
    }
    expect(contents).toContain('Practitioner: Priya Shah')
  }
  // tldraw's own reader, with its default shapes only, as any tldraw app opens a file.
  const inTldraw = openInTldraw(plain.bytes.toString('utf8'))
  expect(inTldraw.filter((r) => r.typeName === 'shape' && r.type === 'arrow')).toHaveLength(5)
  expect(outside).toEqual([])
  writers.forEach((writer) => writer.close())
  await context.close()

  const cards = cardWords([...map, theirs])
  expect(cards).toHaveLength(13)
  const editors = await startEditorPages()
  try {
    await mkdir(SCREENSHOT_DIR, { recursive: true })
    for (const [editor, file] of [
      ['tldraw', plain],
      ['excalidraw', excalidraw],
    ] as const) {
      const opened = await openInEditor(browser, editors.url, editor, file.bytes.toString('utf8'))
      if (!opened.opened.ok) throw new Error(`${editor} refused the file: ${opened.opened.error}`)
      const words = opened.opened.words.join('\n')
      for (const { words: said } of cards) expect(words, `${said} in ${editor}`).toContain(said)
      for (const area of SESSION_AREAS) expect(words).toContain(area.prompt)
      expect(opened.opened.types.frame).toBe(SESSION_AREAS.length)
      expect(opened.opened.boundArrows, editor).toBe(5)
      await opened.page.screenshot({ path: `${SCREENSHOT_DIR}/editable-in-${editor}.png` })
      expect(opened.outside, editor).toEqual([])
      await opened.close()
    }
  } finally {
    await editors.close()
  }
})
