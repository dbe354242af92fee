import {
  devices,
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test'
import { boardPath } from '../../shared/protocol'

/** Opens a board and joins it the first time, as a person would. */
export async function joinBoard(
  page: Page,
  serverUrl: string,
  boardId: string,
  person: { name: string; role: string; credit?: string; pseudonym?: string },
): Promise<void> {
  await page.goto(serverUrl + boardPath(boardId))
  await fillJoinDialog(page, person)
  await page.getByRole('button', { name: 'Join the board' }).click()
  // The first board a browser opens downloads and starts the canvas (tldraw, ~3 MB of script,
  // and its fonts): on a loaded two-core machine that alone can take most of a minute.
  await expect(page.getByTestId('connection-status')).toHaveText(/Connected/, { timeout: 90_000 })
}

/**
 * Opens a board on a 390×844 touch phone and joins it as `person`, as someone in the room who
 * scanned the QR code would; resolves once connected, with the page (the phone lane).
 */
export async function joinOnPhone(
  browser: Browser,
  serverUrl: string,
  boardId: string,
  person: { name: string; role: string; credit?: string },
): Promise<Page> {
  const phone = await (
    await browser.newContext({ ...devices['Pixel 7'], viewport: { width: 390, height: 844 } })
  ).newPage()
  await phone.goto(serverUrl + boardPath(boardId))
  await fillJoinDialog(phone, person)
  await phone.getByRole('button', { name: 'Join the board' }).click()
  await expect(phone.getByTestId('connection-status')).toHaveText(/Connected/)
  return phone
}

/**
 * Starts a co-design board from the start page as `person`, who can then facilitate it, and
 * returns the board's id and the token this browser keeps for it.
 */
export async function startBoard(
  page: Page,
  serverUrl: string,
  person: { name: string; role: string; credit?: string },
  title = 'Getting help with housing',
): Promise<{ boardId: string; token: string }> {
  await page.goto(serverUrl)
  await page.getByLabel('What is this workshop about?').fill(title)
  await fillJoinDialog(page.getByRole('region', { name: 'Start a new board' }), person)
  await page.getByRole('button', { name: 'Start a new board' }).click()
  await expect(page.getByTestId('connection-status')).toHaveText(/Connected/, { timeout: 90_000 })
  const boardId = new URL(page.url()).pathname.split('/').pop()!
  const token = await page.evaluate(
    (key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { token?: string }).token,
    `commonmap:identity:${boardId}`,
  )
  if (!token) throw new Error('The start page kept no token for the new board')
  return { boardId, token }
}

/**
 * Fills in the join dialog (or any profile form, within `page` or a part of it): name, role,
 * and how to be credited (by default "My full name").
 */
export async function fillJoinDialog(
  page: Page | Locator,
  person: { name: string; role: string; credit?: string; pseudonym?: string },
): Promise<void> {
  await page.getByRole('textbox', { name: 'Your name' }).fill(person.name)
  await page.getByRole('radio', { name: new RegExp(`^${person.role}`) }).check()
  await page.getByRole('radio', { name: new RegExp(`^${person.credit ?? 'My full name'}`) }).check()
  if (person.pseudonym) await page.getByLabel('The made-up name to show').fill(person.pseudonym)
}

/**
 * Waits until tldraw's in-place text editor has the keyboard. It takes it a moment after a note
 * is placed (tldraw focuses it on a timer), and keys pressed before that are canvas shortcuts.
 */
export async function waitForTextEditor(page: Page) {
  await expect(
    page.locator('[data-testid="rich-text-area"] [contenteditable="true"]'),
  ).toBeFocused()
}

/** The shapes of one type on the canvas. */
export function shapes(page: Page, type = 'geo') {
  return page.locator(`.tl-shape[data-shape-type="${type}"]`)
}

/** Draws a rectangle with the toolbar's rectangle tool by dragging between two points. */
export async function drawRectangle(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
) {
  await page.getByTestId('tools.rectangle').click()
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 })
  await page.mouse.move(to.x, to.y, { steps: 4 })
  await page.mouse.up()
  await page.keyboard.press('Escape')
}

/**
 * Records every request a browser context makes that is not for `origin` (or an inline
 * data:/blob: URL): HTTP requests, including the service worker's, WebSockets, and attempts
 * the Content-Security-Policy blocked.
 */
export function recordOutsideRequests(context: BrowserContext, origin: string): string[] {
  const outside: string[] = []
  const socketOrigin = origin.replace(/^http/, 'ws')
  context.on('request', (request) => {
    const url = request.url()
    if (!url.startsWith(origin + '/') && !/^(data|blob):/.test(url)) outside.push(url)
  })
  const watchPage = (page: Page) => {
    page.on('websocket', (socket) => {
      if (!socket.url().startsWith(socketOrigin + '/')) outside.push(socket.url())
    })
    // The server's Content-Security-Policy blocks other hosts before a request is made; a
    // violation report means something still tried.
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) outside.push(message.text())
    })
  }
  context.pages().forEach(watchPage)
  context.on('page', watchPage)
  return outside
}

/** Presses the pointer at `from`, moves it in steps to `to` and lets go, as a person drags. */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
) {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 })
  await page.mouse.move(to.x, to.y, { steps: 5 })
  await page.mouse.up()
}

/** Where screenshots for people to look at go: test-results/, which git ignores. */
export const SCREENSHOT_DIR = 'test-results/screenshots'
