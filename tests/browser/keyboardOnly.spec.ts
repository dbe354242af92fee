import { devices, type Locator, type Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { boardPath } from '../../shared/protocol'
import { createBoard, joinBoard as joinThroughApi, person } from '../helpers/createBoard'
import { startServer, type TestServer } from '../helpers/startServer'
import { SCREENSHOT_DIR, shapes } from './boardPage'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

/**
 * Presses Tab (Shift+Tab with `backwards`) until `target` has the focus, as a keyboard user
 * moves through a page; fails when it is not reached in `most` presses.
 */
async function tabTo(page: Page, target: Locator, { backwards = false, most = 80 } = {}) {
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`${target} was not reached with ${most} presses of Tab`)
}

/**
 * Leaves the canvas's selection, as a keyboard user does with Escape: while a shape is selected,
 * tldraw takes Tab to move to the next shape instead of the next control.
 */
async function leaveSelection(page: Page) {
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
}

/**
 * Brings the keyboard to "What do you want to add?": opens "Add from a form", or, when it is
 * still open after the last addition, goes back up to its choice.
 */
async function chooseAddition(page: Page, what: RegExp) {
  await leaveSelection(page)
  const heading = page.getByRole('heading', { name: 'Add to the map' })
  if (await heading.isVisible()) {
    await tabTo(page, page.getByRole('radio', { checked: true }), { backwards: true })
  } else {
    await tabTo(page, page.getByRole('button', { name: 'Add from a form' }))
    await page.keyboard.press('Enter')
    await expect(heading).toBeVisible()
    await expect(page.getByRole('radio', { name: /^A service/ })).toBeFocused()
  }
  await arrowTo(page, page.getByRole('radio', { name: what }))
}

/** Moves through a focused radio group with the arrow keys until `target` is checked. */
async function arrowTo(page: Page, target: Locator, most = 12) {
  for (let presses = 0; presses < most; presses++) {
    if (await target.isChecked()) return
    await page.keyboard.press('ArrowDown')
  }
  throw new Error(`${target} was not checked with ${most} presses of ArrowDown`)
}

/** The focused element shows the app's 3 px focus ring; then a screenshot of it, for people. */
async function focusShows(page: Page, name: string) {
  const focused = page.locator(':focus')
  await expect(focused).toBeVisible()
  await expect(focused).toBeInViewport()
  expect(await focused.evaluate((element) => getComputedStyle(element).outlineWidth)).toBe('3px')
  await page.screenshot({ path: `${SCREENSHOT_DIR}/keyboard-${name}.png` })
}

test('without a mouse: start a board, add a service, a note and a route, open the list and export, the focus visible at every step', async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    acceptDownloads: true,
    reducedMotion: 'reduce',
  })
  const page = await context.newPage()
  await page.goto(server.url)

  // The start page: a title, who is starting the board, and Start.
  const start = page.getByRole('region', { name: 'Start a new board' })
  await tabTo(page, page.getByLabel('What is this workshop about?'))
  await page.keyboard.type('Getting help with housing')
  await tabTo(page, start.getByRole('textbox', { name: 'Your name' }))
  await page.keyboard.type('Sam')
  await page.keyboard.press('Tab')
  await arrowTo(page, start.getByRole('radio', { name: /^Facilitator/ }))
  await tabTo(page, start.getByRole('radio', { name: /^My full name/ }))
  await page.keyboard.press('Space')
  await focusShows(page, '1-start-page')
  await tabTo(page, start.getByRole('button', { name: 'Start a new board' }))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('connection-status')).toHaveText(/Connected/, { timeout: 90_000 })

  // Two services from "Add from a form" (a route joins two cards).
  for (const [service, kind] of [
    ['Citizens Advice', 'Money'],
    ['Housing Options', 'Housing'],
  ] as const) {
    await chooseAddition(page, /^A service/)
    await page.keyboard.press('Tab')
    await expect(page.getByLabel('Name of the service')).toBeFocused()
    await page.keyboard.type(service)
    await page.keyboard.press('Tab')
    await page.keyboard.type(kind)
    await page.keyboard.press('Tab')
    await focusShows(page, `2-add-service-${kind.toLowerCase()}`)
    await page.keyboard.press('Enter')
    await expect(shapes(page, 'service').filter({ hasText: service })).toHaveCount(1)
  }

  // A note: its purpose and its words.
  await chooseAddition(page, /^A note/)
  await tabTo(page, page.getByLabel('What the note says'))
  await page.keyboard.type('Forms only online')
  await page.keyboard.press('Tab')
  await focusShows(page, '3-add-note')
  await page.keyboard.press('Enter')
  await expect(shapes(page, 'purpose-note').filter({ hasText: 'Forms only online' })).toHaveCount(1)

  // A route from one service to the other.
  await chooseAddition(page, /^A route/)
  await tabTo(page, page.getByLabel('From', { exact: true }))
  await page.keyboard.type('Citizens')
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('To', { exact: true })).toBeFocused()
  await page.keyboard.type('Housing')
  await tabTo(page, page.getByRole('button', { name: 'Connect the two cards' }))
  await focusShows(page, '4-add-route')
  await page.keyboard.press('Enter')
  await expect(shapes(page, 'route')).toHaveCount(1)

  // The map as a list names everything added.
  await leaveSelection(page)
  await tabTo(page, page.getByRole('button', { name: 'The map as a list' }))
  await page.keyboard.press('Enter')
  const list = page.getByRole('complementary', { name: /list/i })
  for (const words of ['Citizens Advice', 'Housing Options', 'Forms only online']) {
    await expect(list.getByText(words).first()).toBeVisible()
  }
  await focusShows(page, '5-list')

  // Export: the PDF report, from the Export dialog.
  await leaveSelection(page)
  await tabTo(page, page.getByRole('button', { name: 'Export', exact: true }))
  await page.keyboard.press('Enter')
  const dialog = page.getByTestId('export-dialog')
  await expect(dialog).toBeVisible()
  await tabTo(page, dialog.getByRole('button', { name: 'Report (PDF)' }))
  await focusShows(page, '6-export')
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.keyboard.press('Enter'),
  ])
  expect(download.suggestedFilename()).toMatch(/\.pdf$/)
  await context.close()
})

test('without a mouse on a phone: the lane’s add buttons, forms, list and menus, the focus visible at every step', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url, 'Getting help with housing', {
    template: 'co-design',
  })
  const joined = await joinThroughApi(server.url, boardId, person('Maureen'))
  const context = await browser.newContext({
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
  })
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
    `commonmap:identity:${boardId}`,
    JSON.stringify(joined),
  ] as const)
  const page = await context.newPage()
  await page.goto(server.url + boardPath(boardId))

  const addBarrier = page.getByRole('button', { name: 'Add a barrier' })
  await expect(addBarrier).toBeEnabled({ timeout: 90_000 })
  await tabTo(page, addBarrier)
  await focusShows(page, 'lane-1-add-button')
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('What gets in the way?')).toBeFocused()
  await page.keyboard.type('Forms only online')
  await page.keyboard.press('Tab')
  await focusShows(page, 'lane-2-form')
  await page.keyboard.press('Enter')
  await expect(page.locator('.lane-add__status')).toHaveText(/^Added a barrier to “5a/)
  // The keyboard is back on the button that opened the form.
  await expect(addBarrier).toBeFocused()

  // The card is in the list, where its author can edit it.
  const card = page.getByTestId('lane-list').getByRole('listitem').filter({
    hasText: 'Forms only online',
  })
  await tabTo(page, card.getByRole('button', { name: 'Edit' }))
  await page.keyboard.press('Enter')
  await focusShows(page, 'lane-3-list')

  // Share, from the top bar or, when it does not fit, from the Board menu.
  const share = page.getByRole('button', { name: /^Share$/ })
  const menu = page.getByRole('button', { name: /^Board menu/ })
  if (await menu.isVisible()) {
    await tabTo(page, menu, { backwards: true })
    await page.keyboard.press('Enter')
    await expect(menu).toHaveAttribute('aria-expanded', 'true')
  }
  await tabTo(page, share.filter({ visible: true }))
  await focusShows(page, 'lane-4-share')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog')).toBeVisible()
  await focusShows(page, 'lane-5-share-dialog')
  await context.close()
})
