import { devices, type Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { boardPath } from '../../shared/protocol'
import { connectClient, type TestClient } from '../helpers/connectClient'
import { createBoard } from '../helpers/createBoard'
import { startServer, type TestServer } from '../helpers/startServer'
import { fillJoinDialog, joinBoard, SCREENSHOT_DIR } from './boardPage'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

/** What each of the lane's buttons adds, and the area of the session it belongs in. */
const CARDS = [
  {
    button: 'Add a barrier',
    field: 'What gets in the way?',
    text: 'Forms only online',
    area: '5a',
  },
  {
    button: 'Add what works',
    field: 'What already helps?',
    text: 'Drop-in on Tuesdays',
    area: '5b',
  },
  {
    button: 'Add an idea',
    field: 'What could make it better?',
    text: 'Paper forms at the library',
    area: '6',
  },
  {
    button: 'Add a question',
    field: 'What do we need to find out?',
    text: 'Who runs the helpline?',
    area: '1',
  },
  { button: 'Add a service', field: 'Name of the service', text: 'Housing Options', area: '4' },
  {
    button: 'Add someone like me',
    field: 'Their situation',
    text: 'Sofa surfing after eviction',
    area: '4',
  },
  {
    button: 'Add an action',
    field: 'What will happen?',
    text: 'Ask the council for paper forms',
    area: '7',
  },
] as const

/** Reaches a control of the board's top bar: in the bar, or in the Board menu when it does not fit. */
async function headerControl(page: Page, name: string | RegExp) {
  const inBar = page.locator('.board-header__controls').getByRole('button', { name })
  if (await inBar.isVisible()) return inBar
  const toggle = page.getByRole('button', { name: /^Board menu/ })
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  return page.locator('.board-menu').getByRole('button', { name })
}

test('on a phone, a person joins from the share link, adds one of each card from the phone lane, and a desktop sees each land in its area', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url, 'Getting help with housing', {
    template: 'co-design',
  })
  const desktopContext = await browser.newContext()
  const desktop = await desktopContext.newPage()
  await joinBoard(desktop, server.url, boardId, { name: 'Priya', role: 'Practitioner' })

  const phoneContext = await browser.newContext({
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
  })
  const phone = await phoneContext.newPage()
  await phone.goto(server.url + boardPath(boardId))
  await fillJoinDialog(phone, { name: 'Maureen', role: 'Lived experience' })
  await phone.getByRole('button', { name: 'Join the board' }).click()

  // The lane, not the canvas: no tldraw on the page.
  await expect(phone.getByRole('heading', { name: '1. Why we are here' })).toBeVisible()
  await expect(phone.getByTestId('connection-status')).toHaveText(/Connected/)
  await expect(phone.locator('.tl-container')).toHaveCount(0)
  // The lane's own build, with Preact in place of react-dom: board.html chose it for the phone,
  // and the desktop the app's.
  expect(await scriptsLoaded(phone)).toEqual(
    expect.arrayContaining([expect.stringMatching(/\/assets\/lane-lane-/)]),
  )
  expect((await scriptsLoaded(phone)).filter((src) => !src.includes('/assets/lane-'))).toEqual([])
  expect((await scriptsLoaded(desktop)).filter((src) => src.includes('/assets/lane-'))).toEqual([])
  await phone.screenshot({ path: `${SCREENSHOT_DIR}/phone-lane.png`, fullPage: true })

  for (const card of CARDS) {
    await phone.getByRole('button', { name: card.button }).click()
    await phone.getByLabel(card.field).fill(card.text)
    await phone.getByRole('button', { name: 'Add', exact: true }).click()
    await expect(phone.getByRole('status').filter({ hasText: /^Added/ })).toContainText(
      new RegExp(`to “${card.area}\\.`),
    )
    await expect(phone.getByTestId('lane-list')).toContainText(card.text)
  }
  await phone.screenshot({ path: `${SCREENSHOT_DIR}/phone-lane-after-adding.png`, fullPage: true })

  // What she added she can edit in the list.
  const barrier = phone.locator('.lane-list__item', { hasText: 'Forms only online' })
  await barrier.getByRole('button', { name: /Edit/ }).click()
  await barrier.getByLabel('What the note says').fill('Forms only online, no help')
  await barrier.getByRole('button', { name: /Done/ }).click()
  await expect(barrier).toContainText('Forms only online, no help')

  // Each card is inside its area's frame on the shared board, never overlapping another card.
  const reader = await connectClient(server.url, boardId)
  await expect
    .poll(() => cardAreas(reader.records), { timeout: 30_000 })
    .toEqual(
      Object.fromEntries(
        CARDS.map((card) => [
          card.text === 'Forms only online' ? 'Forms only online, no help' : card.text,
          card.area,
        ]),
      ),
    )
  reader.close()
  // The desktop sees them arrive, marked with her name.
  await expect(desktop.getByTestId('arrival-label').first()).toContainText('Maureen')
  await desktop.screenshot({ path: `${SCREENSHOT_DIR}/desktop-sees-phone-cards-arrive.png` })

  // Every control of the top bar can be reached on the phone.
  for (const name of [/^2 people here$/, /^You:/, /^Export/, /^Share$/, /^See the board$/]) {
    await expect(await headerControl(phone, name)).toBeVisible()
  }

  // Export from the phone: the reports, as text.
  await (await headerControl(phone, /^Export/)).click()
  const dialog = phone.getByTestId('export-dialog')
  await expect(dialog).toBeVisible()
  const [download] = await Promise.all([
    phone.waitForEvent('download'),
    dialog.getByRole('button', { name: /Spreadsheet/ }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/\.csv$/)
  await phone.screenshot({ path: `${SCREENSHOT_DIR}/phone-lane-export.png` })

  await desktopContext.close()
  await phoneContext.close()
})

/** Every script the page has loaded so far. */
function scriptsLoaded(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.endsWith('.js')),
  )
}

/** For each card added by a person, the number of the area its frame is: "5a", "4". */
function cardAreas(records: TestClient['records']): Record<string, string> {
  const all = [...records.map.values()].map((entry) => entry.val)
  const areas: Record<string, string> = {}
  for (const record of all) {
    if (record.typeName !== 'shape' || String(record.id).includes('template')) continue
    const props = record.props as Record<string, unknown>
    const text = [props.text, props.name, props.situation, props.what].find(
      (value): value is string => typeof value === 'string' && value !== '',
    )
    const frame = all.find((parent) => parent.id === record.parentId)
    const name = frame?.typeName === 'shape' ? (frame.props as { name?: string }).name : undefined
    if (text) areas[text] = name?.split('.')[0] ?? 'none'
  }
  return areas
}

test('a phone that opened the board with the lane’s own build keeps a card added offline through a reload, and shares it when back online', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url, 'Getting help with housing', {
    template: 'co-design',
  })
  const phoneContext = await browser.newContext({
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
  })
  const phone = await phoneContext.newPage()
  await joinBoard(phone, server.url, boardId, { name: 'Maureen', role: 'Lived experience' })
  await expect(phone.getByRole('button', { name: 'Add a barrier' })).toBeEnabled()
  expect((await scriptsLoaded(phone)).filter((src) => !src.includes('/assets/lane-'))).toEqual([])
  // The lane's build registers the app's service worker, which must hold the app before the
  // wifi drops.
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))

  await phoneContext.setOffline(true)
  await expect(phone.getByTestId('connection-status')).toHaveText(/Offline/)
  await phone.getByRole('button', { name: 'Add a barrier' }).click()
  await phone.getByLabel('What gets in the way?').fill('No signal in the waiting room')
  await phone.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(phone.getByTestId('lane-list')).toContainText('No signal in the waiting room')
  // Offline, the page comes from the device: the app's index.html, with its own lane.
  await phone.reload()
  await expect(phone.getByTestId('lane-list')).toContainText('No signal in the waiting room')

  await phoneContext.setOffline(false)
  await expect(phone.getByTestId('connection-status')).toHaveText(/Connected/)
  const reader = await connectClient(server.url, boardId)
  await expect
    .poll(() => cardAreas(reader.records), { timeout: 30_000 })
    .toEqual({ 'No signal in the waiting room': '5a' })
  reader.close()
  await phoneContext.close()
})

test('at 200 % and 400 % zoom on a 1280×720 window, and at 320 CSS pixels, every control of the board is on the screen or in the Board menu, and focus is visible', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url, 'Getting help with housing', {
    template: 'co-design',
  })
  // 200 % zoom of a 1280×720 window: 640×360 CSS pixels, each drawn twice as large.
  const context = await browser.newContext({
    viewport: { width: 640, height: 360 },
    deviceScaleFactor: 2,
  })
  const page = await context.newPage()
  await joinBoard(page, server.url, boardId, { name: 'Sam', role: 'Facilitator' })
  // The canvas opens on the first area, at a zoom where its words can be read.
  await expect(page.getByText('100%')).toBeVisible()
  await page.screenshot({ path: `${SCREENSHOT_DIR}/board-as-it-opens-200-percent.png` })

  // 200 % (640×360), 320 CSS pixels wide, and 400 % zoom of the same window (320×180).
  for (const { width, height } of [
    { width: 640, height: 360 },
    { width: 320, height: 360 },
    { width: 320, height: 180 },
  ]) {
    await page.setViewportSize({ width, height })
    for (const name of [
      /(person|people) here$/,
      /^You:/,
      /^People$/,
      /^The map as a list$/,
      /^Export/,
      /^Share$/,
      /^Simple view$/,
    ]) {
      // In a short window the Board menu scrolls; what is in it is reached by scrolling it.
      const control = await headerControl(page, name)
      await control.scrollIntoViewIfNeeded()
      await expect(control).toBeInViewport()
    }
    const toggle = page.getByRole('button', { name: /^Board menu/ })
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  }
  // Nothing in the top bar is wider than the window: the page never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
  await page.screenshot({ path: `${SCREENSHOT_DIR}/board-400-percent.png` })
  await page.setViewportSize({ width: 320, height: 360 })

  // With the keyboard alone: the Board menu opens, its first control takes focus, and the focus
  // ring shows.
  await page.getByRole('button', { name: /^Board menu/ }).focus()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Tab')
  const focused = page.locator(':focus')
  await expect(focused).toBeVisible()
  expect(await focused.evaluate((element) => getComputedStyle(element).outlineWidth)).toBe('3px')
  await page.screenshot({ path: `${SCREENSHOT_DIR}/focus-ring-in-board-menu-320px.png` })

  // "Simple view" from the Board menu opens the phone lane on any screen.
  await (await headerControl(page, /^Simple view$/)).click()
  await expect(page.getByRole('button', { name: 'Add a barrier' })).toBeVisible()
  await page.screenshot({
    path: `${SCREENSHOT_DIR}/phone-lane-320px-200-percent.png`,
    fullPage: true,
  })
  await context.close()

  // A window opened at 400 % zoom (320×180 CSS pixels) has no room for the canvas under the top
  // bar: the board opens in the simple view, and "See the board" is there for whoever wants it.
  const zoomedContext = await browser.newContext({
    viewport: { width: 320, height: 180 },
    deviceScaleFactor: 4,
  })
  const zoomed = await zoomedContext.newPage()
  await joinBoard(zoomed, server.url, boardId, { name: 'Dev', role: 'Practitioner' })
  await expect(zoomed.getByRole('button', { name: 'Add a barrier' })).toBeVisible()
  await expect(zoomed.locator('.tl-canvas')).toHaveCount(0)
  const seeTheBoard = await headerControl(zoomed, /^See the board$/)
  await seeTheBoard.scrollIntoViewIfNeeded()
  await expect(seeTheBoard).toBeInViewport()
  await zoomed.screenshot({ path: `${SCREENSHOT_DIR}/board-opened-at-400-percent.png` })

  // Whoever chooses the canvas there can reach the zoom buttons: none of tldraw's toolbars lies
  // over them.
  await seeTheBoard.click()
  await expect(zoomed.locator('.tl-canvas')).toBeVisible()
  const viewControls = zoomed.getByRole('group', { name: 'View' })
  await expect(viewControls).toBeVisible()
  const toolbars = zoomed.locator(
    '.tlui-main-toolbar, .tlui-style-panel__wrapper, .tlui-menu-zone, .tlui-navigation-panel',
  )
  await expect(toolbars.first()).toBeVisible()
  await zoomed.screenshot({
    path: `${SCREENSHOT_DIR}/canvas-chosen-at-400-percent.png`,
    fullPage: true,
  })
  const controlsBox = (await viewControls.boundingBox())!
  for (const toolbar of await toolbars.all()) {
    const box = await toolbar.boundingBox()
    if (!box || box.width === 0 || box.height === 0) continue
    const overlaps =
      box.x < controlsBox.x + controlsBox.width &&
      controlsBox.x < box.x + box.width &&
      box.y < controlsBox.y + controlsBox.height &&
      controlsBox.y < box.y + box.height
    expect(overlaps, `${await toolbar.getAttribute('class')} lies over the zoom buttons`).toBe(
      false,
    )
  }
  await zoomedContext.close()
})
