import { expect, test } from './fixtures'
import type { Page } from '@playwright/test'
import { readFile, writeFile } from 'node:fs/promises'
import { boardPath } from '../../shared/protocol'
import { SESSION_AREAS } from '../../shared/sessionAreas'
import { connectClient } from '../helpers/connectClient'
import { createBoard } from '../helpers/createBoard'
import { everyKindOfMapRecord } from '../helpers/serviceMapRecords'
import { startServer, type TestServer } from '../helpers/startServer'
import {
  drag,
  fillJoinDialog,
  joinBoard,
  recordOutsideRequests,
  SCREENSHOT_DIR,
  shapes,
} from './boardPage'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

/** Exports the selection with tldraw's main menu and returns the file's bytes. */
async function exportFromMenu(page: Page, format: 'SVG' | 'PNG'): Promise<Buffer> {
  await page.getByRole('button', { name: 'Menu' }).click()
  await page.getByRole('menuitem', { name: 'Export' }).click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: format }).click(),
  ])
  return readFile(await download.path())
}

/** The form of the selected map shape. */
const shapeForm = (page: Page) => page.getByTestId('shape-form')

test('a service placed with the tool and a route dragged to a second card reach another person, with their author, and the list', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url)
  const samContext = await browser.newContext()
  const outside = recordOutsideRequests(samContext, server.url)
  const sam = await samContext.newPage()
  const priyaContext = await browser.newContext()
  const priya = await priyaContext.newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  await joinBoard(priya, server.url, boardId, { name: 'Priya', role: 'Practitioner' })

  await sam.getByRole('button', { name: /^Service$/ }).click()
  await sam.mouse.click(300, 300)
  await expect(shapeForm(sam).getByRole('heading', { name: 'Edit this service' })).toBeVisible()
  await shapeForm(sam).getByLabel('Name of the service').fill('Park Road GP')
  await shapeForm(sam).getByLabel('What kind of help?').selectOption({ label: 'Health' })
  await shapeForm(sam).getByLabel('Who runs it?').fill('NHS')

  // The second card with the keyboard shortcut, from the canvas.
  await sam.mouse.click(700, 600)
  await sam.keyboard.press('s')
  await sam.mouse.click(700, 300)
  await shapeForm(sam).getByLabel('Name of the service').fill('Housing Options')
  await shapeForm(sam).getByLabel('What kind of help?').selectOption({ label: 'Housing' })

  await sam.getByRole('button', { name: /^Route$/ }).click()
  // Letting go on empty canvas, or on the card it started from, makes nothing.
  await drag(sam, { x: 300, y: 300 }, { x: 500, y: 600 })
  await drag(sam, { x: 300, y: 300 }, { x: 340, y: 330 })
  await expect(sam.getByTestId('map-tool-route')).toHaveAttribute('aria-pressed', 'true')
  await drag(sam, { x: 300, y: 300 }, { x: 700, y: 300 })
  await expect(shapes(sam, 'route')).toHaveCount(1)
  await expect(shapeForm(sam).getByRole('heading', { name: 'Edit this route' })).toBeVisible()
  await expect(shapeForm(sam)).toContainText('From Park Road GP to Housing Options')

  // In place: a double-click on the route writes its note, one on a card its name.
  await sam.mouse.click(700, 650)
  // A person types once the text box has the keyboard; on a loaded machine that is a moment
  // after the double-click, and keys pressed before it would be canvas shortcuts.
  await sam.mouse.dblclick(500, 300)
  await expect(
    shapes(sam, 'route').getByRole('textbox', { name: 'Note about this route' }),
  ).toBeFocused()
  await sam.keyboard.type('6 week wait')
  await sam.keyboard.press('Escape')
  await sam.mouse.dblclick(640, 240)
  await expect(
    shapes(sam, 'service').getByRole('textbox', { name: 'Name of the service' }),
  ).toBeFocused()
  await sam.keyboard.type('Housing Options Leeds')
  await sam.keyboard.press('Escape')

  await expect(shapes(priya, 'service')).toHaveCount(2)
  await expect(shapes(priya, 'route')).toHaveCount(1)
  await expect(shapes(priya, 'service').filter({ hasText: 'Park Road GP' })).toContainText('Health')
  await expect(priya.getByText('Run by: NHS')).toBeVisible()
  await expect(shapes(priya, 'route')).toContainText('Referral6 week wait')
  await expect(shapes(priya, 'service').filter({ hasText: 'Housing Options Leeds' })).toHaveCount(1)
  await priya.mouse.move(300, 340)
  await expect(priya.getByTestId('attribution-label')).toContainText(
    'Added by Sam · Lived experience',
  )

  await priya.getByRole('button', { name: 'The map as a list' }).click()
  const list = priya.getByTestId('map-list')
  await expect(list.getByRole('heading', { name: 'Health (1)' })).toBeVisible()
  await expect(list.getByRole('heading', { name: 'Housing (1)' })).toBeVisible()
  await expect(
    list.getByRole('button', { name: 'Referral out, to Housing Options Leeds' }),
  ).toBeVisible()
  await expect(list.getByRole('button', { name: 'Referral in, from Park Road GP' })).toBeVisible()
  await list.getByRole('button', { name: 'Housing Options Leeds', exact: true }).click()
  await expect(shapeForm(priya).getByLabel('Name of the service')).toHaveValue(
    'Housing Options Leeds',
  )
  await expect(shapes(priya, 'service').filter({ hasText: 'Housing Options' })).toBeInViewport()

  expect(outside).toEqual([])
  await samContext.close()
  await priyaContext.close()
})

test('a service can be added from the form, and filled in, with the keyboard alone', async ({
  page,
}) => {
  const boardId = await createBoard(server.url)
  await joinBoard(page, server.url, boardId, { name: 'Sam', role: 'Facilitator' })

  await page.getByRole('button', { name: 'Add from a form' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Add to the map' })).toBeVisible()
  await expect(page.getByRole('radio', { name: /^A service/ })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Name of the service')).toBeFocused()
  await page.keyboard.type('Citizens Advice')
  await page.keyboard.press('Tab')
  await page.keyboard.type('Money')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')

  await expect(shapes(page, 'service')).toHaveCount(1)
  await expect(shapes(page, 'service')).toContainText('Money and benefits')
  await expect(shapes(page, 'service')).toContainText('Citizens Advice')
  // The new card's own form takes the keyboard, to carry on filling it in.
  const name = shapeForm(page).getByLabel('Name of the service')
  await expect(name).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.type('A charity')
  await expect(shapes(page, 'service')).toContainText('Run by: A charity')
  await page.keyboard.press('Escape')
  await expect(shapeForm(page)).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Edit this service' })).toBeVisible()
  expect(await page.evaluate(() => !!document.activeElement?.closest('.tl-container'))).toBe(true)
})

test('a board started as a co-design session opens with every frame and prompt, credited to whoever started it', async ({
  browser,
}) => {
  // Reduced motion makes tldraw move the camera at once, so the close-up below is not mid-flight.
  const context = await browser.newContext({ reducedMotion: 'reduce' })
  const page = await context.newPage()
  await page.goto(server.url)
  await page.getByLabel('What is this workshop about?').fill('Getting help with housing in Leeds')
  await expect(page.getByRole('radio', { name: /^Co-design session/ })).toBeChecked()
  // The start page also has "Open a file", with its own fields for who is opening it.
  await fillJoinDialog(page.getByRole('region', { name: 'Start a new board' }), {
    name: 'Sam',
    role: 'Facilitator',
  })
  await page.getByRole('button', { name: 'Start a new board' }).click()

  await expect(page.getByTestId('connection-status')).toHaveText(/Connected/)
  await expect(page.getByLabel('Your name')).toHaveCount(0)
  // It opens on the first area, at a zoom where its words can be read; the whole board is a
  // button away.
  await expect(page.getByTestId('canvas').getByText(SESSION_AREAS[0]!.prompt)).toBeInViewport()
  await expect(page.getByText('100%')).toBeVisible()
  await page.screenshot({ path: `${SCREENSHOT_DIR}/board-as-it-opens.png` })
  await page.getByRole('button', { name: 'Whole board' }).click()
  for (const area of SESSION_AREAS) {
    await expect(page.locator('.tl-frame-heading', { hasText: area.name })).toBeVisible()
    await expect(page.getByTestId('canvas').getByText(area.prompt)).toBeVisible()
  }
  for (const words of ['One person speaks at a time', 'It’s OK to take a break']) {
    await expect(page.getByTestId('canvas').getByText(words)).toBeVisible()
  }
  await page.screenshot({ path: `${SCREENSHOT_DIR}/template-board.png` })
  await page.locator('.tl-frame-heading', { hasText: '2. How we will work together' }).click()
  await page.keyboard.press('Shift+2')
  await expect(page.getByTestId('canvas').getByText(SESSION_AREAS[1]!.prompt)).toBeInViewport()
  await page.screenshot({ path: `${SCREENSHOT_DIR}/template-working-agreement.png` })
  await page.keyboard.press('Escape')

  await page.getByTestId('canvas').getByText(SESSION_AREAS[0]!.prompt).hover()
  // The layout is nobody's contribution, but the board says who laid it out.
  await expect(page.getByTestId('attribution-label')).toHaveText(
    'Part of the session’s layout, from when You started the board',
  )
  await context.close()
})

test('a filled map, its legend and its list, for people to look at', async ({ browser }) => {
  const boardId = await createBoard(server.url, 'Getting help with housing in Leeds')
  const writer = await connectClient(server.url, boardId)
  writer.doc.transact(() => {
    for (const record of everyKindOfMapRecord()) writer.records.set(record.id, record)
  })
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
    acceptDownloads: true,
  })
  const page = await context.newPage()
  await page.goto(server.url + boardPath(boardId))
  await fillJoinDialog(page, { name: 'Priya', role: 'Practitioner' })
  await page.getByRole('button', { name: 'Join the board' }).click()
  await expect(shapes(page, 'route')).toHaveCount(5)
  for (const label of [
    'Referral',
    'Self-referral',
    'Hand-over',
    'Bounced back',
    'Gap: no route here',
  ]) {
    await expect(shapes(page, 'route').filter({ hasText: new RegExp(`^${label}`) })).toHaveCount(1)
  }
  await page.screenshot({ path: `${SCREENSHOT_DIR}/filled-map.png` })

  // tldraw's own export, from its menu, draws the map's shapes with their words.
  await page.mouse.click(800, 900)
  await page.keyboard.press('Control+a')
  const svg = await exportFromMenu(page, 'SVG')
  for (const words of [
    'Park Road GP',
    'Money and benefits',
    'Bounced back',
    'Gap: no route here',
  ]) {
    expect(svg.toString('utf8')).toContain(`>${words}</text>`)
  }
  const png = await exportFromMenu(page, 'PNG')
  expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG')
  await writeFile(`${SCREENSHOT_DIR}/filled-map-export.png`, png)

  await page.getByRole('button', { name: 'What do the shapes mean?' }).click()
  const legend = page.getByTestId('legend')
  await expect(
    legend.getByRole('listitem').filter({ hasText: /^Gap: no route here/ }),
  ).toContainText('there is none')
  await page.screenshot({ path: `${SCREENSHOT_DIR}/legend.png` })
  await legend.getByRole('heading', { name: 'Routes' }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SCREENSHOT_DIR}/legend-routes.png` })

  await page.getByRole('button', { name: 'The map as a list' }).click()
  const list = page.getByTestId('map-list')
  await expect(
    list.getByRole('button', { name: 'No route from Park Road GP to Crisis team' }),
  ).toBeVisible()
  await expect(list.getByText('Who: The housing manager · By: 1 June 2026')).toBeVisible()
  await list.getByRole('button', { name: 'Park Road GP', exact: true }).click()
  await expect(shapes(page, 'service').filter({ hasText: 'Park Road GP' })).toBeInViewport()
  await page.screenshot({ path: `${SCREENSHOT_DIR}/list-and-map-close-up.png` })
  writer.close()
  await context.close()
})
