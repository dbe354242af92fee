import { expect, test } from './fixtures'
import type { Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { boardFileJson, embeddedInfo, ONE_PIXEL_PNG } from '../helpers/boardFiles'
import { everyKindOfMapRecord } from '../helpers/serviceMapRecords'
import { startServer, type TestServer } from '../helpers/startServer'
import { fillJoinDialog, shapes } from './boardPage'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

const screenshots = 'test-results/screenshots'

/** How many boards the server has stored, read from its database. */
function storedBoards(): number {
  const db = new Database(join(server.dataDir, 'commonmap.sqlite'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** Chooses `file` in the start page's "Open a file" section, says who is opening it, opens it. */
async function openFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const section = page.getByRole('region', { name: 'Open a file' })
  await section.getByLabel('The board file').setInputFiles(file)
  await fillJoinDialog(section, { name: 'Priya', role: 'Practitioner' })
  await section.getByRole('button', { name: 'Open as a new board' }).click()
}

test('opening a damaged file says why and makes no board; opening a .tldr opens its shapes with their imported credit', async ({
  page,
}) => {
  await page.goto(server.url)

  // A picture without a board inside: a plain message, and nothing is made.
  await openFile(page, {
    name: 'map.png',
    mimeType: 'image/png',
    buffer: Buffer.from(ONE_PIXEL_PNG),
  })
  await expect(page.getByRole('alert')).toHaveText(
    'This picture has no board inside it. Only pictures saved from Commonmap can be opened as a board.',
  )
  await expect(page).toHaveURL(`${server.url}/`)
  expect(storedBoards()).toBe(0)
  await page.getByRole('region', { name: 'Open a file' }).screenshot({
    path: `${screenshots}/open-a-damaged-file.png`,
  })

  // A board saved from Commonmap: it opens as a new board, Sam still credited for the GP.
  const map = everyKindOfMapRecord()
  const credits = Object.fromEntries(
    map
      .filter((record) => record.typeName === 'shape')
      .map((record) => [
        record.id,
        { name: 'Sam', role: 'Lived experience', addedAt: Date.UTC(2026, 10, 2) },
      ]),
  )
  const json = boardFileJson(map, embeddedInfo('Housing in Leeds', Date.UTC(2026, 10, 3), credits))
  await openFile(page, {
    name: 'housing.tldr',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(json),
  })
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]{22}$/)
  await expect(page.getByTestId('connection-status')).toHaveText(/Connected/)
  await expect(shapes(page, 'service')).toHaveCount(4)
  expect(storedBoards()).toBe(1)

  const gp = shapes(page, 'service').filter({ hasText: 'Park Road GP' })
  const box = await gp.boundingBox()
  if (!box) throw new Error('The GP is not on the canvas')
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  await page.mouse.move(middle.x, middle.y)
  await expect(page.getByTestId('attribution-label')).toHaveText(
    /^Added by Sam · Lived experience — imported from “Housing in Leeds” on \d{1,2} \w+ \d{4}, brought in by You$/,
  )
  await page.screenshot({ path: `${screenshots}/opened-from-a-file.png` })

  // The History panel says where it came from.
  await page.mouse.click(middle.x, middle.y)
  await page.getByRole('button', { name: 'History of this shape' }).click()
  await expect(page.getByTestId('history-imported')).toHaveText(
    'Imported from “Housing in Leeds”, as saved there on 3 November 2026. There, it was added by Sam · Lived experience on 2 November 2026.',
  )
  await expect(page.getByTestId('history-list')).toContainText('You brought it in from a file.')
  await page.screenshot({ path: `${screenshots}/opened-from-a-file-history.png` })
})
