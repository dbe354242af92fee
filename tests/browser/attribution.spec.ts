import { expect, test } from './fixtures'
import type { Page } from '@playwright/test'
import { INVALID_LINK } from '../../shared/closeCodes'
import { boardPath } from '../../shared/protocol'
import { createBoard } from '../helpers/createBoard'
import { startServer, type TestServer } from '../helpers/startServer'
import { joinBoard, recordOutsideRequests, waitForTextEditor } from './boardPage'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

const screenshots = 'test-results/screenshots'

/**
 * Adds a text at (x, y) with tldraw's text tool and types `text` into it: a shape of tldraw's own,
 * credited like the map's cards.
 */
async function addText(page: Page, x: number, y: number, text: string) {
  await page.getByTestId('tools.text').click()
  await page.mouse.click(x, y)
  await waitForTextEditor(page)
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
}

/** The text on the canvas that says `text`. */
const textShape = (page: Page, text: string) =>
  page.locator('.tl-shape[data-shape-type="text"]').filter({ hasText: text })

/** Points at a text and returns the attribution label it shows. */
async function hover(page: Page, text: string) {
  const box = await textShape(page, text).boundingBox()
  if (!box) throw new Error(`No text "${text}" on the page`)
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 30)
  return page.getByTestId('attribution-label')
}

test('two people with different roles add texts; hovering names them with their roles; People highlights one person’s texts', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url, 'Getting help with housing')
  const samContext = await browser.newContext()
  const priyaContext = await browser.newContext()
  const outside = [samContext, priyaContext].map((c) => recordOutsideRequests(c, server.url))
  const sam = await samContext.newPage()
  const priya = await priyaContext.newPage()
  await joinBoard(sam, server.url, boardId, {
    name: 'Sam Jones',
    role: 'Lived experience',
    credit: 'My first name only',
  })
  await joinBoard(priya, server.url, boardId, { name: 'Priya', role: 'Practitioner' })
  await expect(sam.getByTestId('my-menu-toggle')).toHaveText(/You: Sam · Lived experience/)

  await addText(sam, 350, 300, 'Long wait for a GP')
  await addText(priya, 750, 300, 'Referral forms get lost')
  await expect(textShape(priya, 'Long wait for a GP')).toBeVisible()
  await expect(textShape(sam, 'Referral forms get lost')).toBeVisible()

  await expect(await hover(priya, 'Long wait for a GP')).toHaveText(
    /^Added by Sam · Lived experience · \d/,
  )
  await expect(await hover(priya, 'Referral forms get lost')).toHaveText(/^Added by You · \d/)
  await expect(await hover(sam, 'Referral forms get lost')).toHaveText(
    /^Added by Priya · Practitioner · \d/,
  )
  // Sam chose first name only: his surname reaches nobody else's page.
  await expect(priya.locator('body')).not.toContainText('Jones')

  await priya.getByRole('button', { name: /^People/ }).click()
  const panel = priya.getByRole('complementary', { name: 'People' })
  await expect(panel.getByTestId('contributors')).toContainText('Sam · Lived experience')
  await expect(panel.getByTestId('contributors')).toContainText('You')
  await panel.getByRole('button', { name: 'Show contributions of Sam · Lived experience' }).click()
  await expect(textShape(priya, 'Long wait for a GP')).toHaveAttribute('data-highlight', 'lit')
  await expect(textShape(priya, 'Referral forms get lost')).toHaveAttribute(
    'data-highlight',
    'faded',
  )
  // The mode says it is on, over the canvas on every screen size, with the way to stop it.
  await expect(priya.getByTestId('highlight-mode')).toContainText('Showing Sam’s contributions')
  await priya.screenshot({ path: `${screenshots}/people-highlight-person.png` })

  await panel.getByRole('button', { name: 'Practitioner', exact: true }).click()
  await expect(textShape(priya, 'Referral forms get lost')).toHaveAttribute('data-highlight', 'lit')
  await expect(textShape(priya, 'Long wait for a GP')).toHaveAttribute('data-highlight', 'faded')
  await panel.getByRole('button', { name: /^Close/ }).click()
  await expect(priya.getByTestId('highlight-mode')).toContainText('Practitioner')
  await priya.getByTestId('highlight-mode').getByRole('button', { name: /^Stop/ }).click()
  await expect(textShape(priya, 'Long wait for a GP')).not.toHaveAttribute('data-highlight', /.*/)

  expect(outside.flat()).toEqual([])
})

test('adding on behalf of someone without a device shows both names, in the label and the history', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url)
  const priya = await (await browser.newContext()).newPage()
  const jo = await (await browser.newContext()).newPage()
  await joinBoard(priya, server.url, boardId, { name: 'Priya', role: 'Practitioner' })
  await joinBoard(jo, server.url, boardId, { name: 'Jo', role: 'Carer or family' })

  await priya.getByRole('button', { name: /^People/ }).click()
  const panel = priya.getByRole('complementary', { name: 'People' })
  await panel.getByRole('button', { name: 'Add someone without a device' }).click()
  await panel.getByRole('textbox', { name: 'Their name' }).fill('Sam')
  await panel.getByRole('radio', { name: /^Lived experience/ }).check()
  await panel.getByRole('radio', { name: /^Their full name/ }).check()
  await priya.screenshot({ path: `${screenshots}/add-someone-without-a-device.png` })
  await panel.getByRole('button', { name: 'Add this person' }).click()
  await expect(panel.getByTestId('adding-for-status')).toHaveText(
    /^Adding for: Sam · Lived experience\./,
  )
  await priya.screenshot({ path: `${screenshots}/adding-for.png` })

  await addText(priya, 700, 350, 'The bus stops at six')
  const expected = /^Added by Sam · Lived experience \(written down by Priya · Practitioner\) · \d/
  await expect(await hover(jo, 'The bus stops at six')).toHaveText(expected)
  await expect(await hover(priya, 'The bus stops at six')).toHaveText(
    /^Added by Sam · Lived experience \(written down by You\) · \d/,
  )

  // The History panel tells it in plain words, from the ledger.
  await textShape(jo, 'The bus stops at six').click()
  await jo.getByRole('button', { name: 'History of this shape' }).click()
  await expect(jo.getByTestId('history-list')).toContainText(
    'Sam · Lived experience added it, written down by Priya · Practitioner.',
  )
  await jo.screenshot({ path: `${screenshots}/history.png` })
})

test('a person changes how they are credited from their own menu, and everyone sees it at once', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url)
  const sam = await (await browser.newContext()).newPage()
  const priya = await (await browser.newContext()).newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam Jones', role: 'Lived experience' })
  await joinBoard(priya, server.url, boardId, { name: 'Priya', role: 'Practitioner' })
  await addText(sam, 400, 300, 'No interpreter at the desk')
  await expect(await hover(priya, 'No interpreter at the desk')).toHaveText(
    /^Added by Sam Jones · Lived experience/,
  )

  await sam.getByTestId('my-menu-toggle').click()
  await sam.getByRole('radio', { name: /^My role only/ }).check()
  await sam.screenshot({ path: `${screenshots}/my-menu.png` })
  await sam.getByRole('button', { name: 'Save changes' }).click()
  await expect(sam.getByRole('button', { name: 'Saved' })).toBeVisible()
  await expect(sam.getByTestId('my-menu-toggle')).toHaveText(/You: Someone with lived experience/)

  await expect(await hover(priya, 'No interpreter at the desk')).toHaveText(
    /^Added by Someone with lived experience · \d/,
  )
  await expect(priya.locator('body')).not.toContainText('Sam Jones')
})

test('a link whose key the server refuses asks the person, plainly, to join again', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url)
  const page = await (await browser.newContext()).newPage()
  await joinBoard(page, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  // The device's key no longer matches (the board was moved to another server, say).
  await page.evaluate((id) => {
    const key = `commonmap:identity:${id}`
    const identity = JSON.parse(localStorage.getItem(key)!) as { token: string }
    identity.token = `${identity.token.split('.')[0]}.${'A'.repeat(43)}`
    localStorage.setItem(key, JSON.stringify(identity))
  }, boardId)
  await page.goto(server.url + boardPath(boardId))
  await expect(page.getByRole('alert').filter({ hasText: INVALID_LINK })).toBeVisible()
  await page.screenshot({ path: `${screenshots}/refused-link.png` })
  await page.getByRole('textbox', { name: 'Your name' }).fill('Sam')
  await page.getByRole('radio', { name: /^Lived experience/ }).check()
  await page.getByRole('radio', { name: /^My full name/ }).check()
  await page.getByRole('button', { name: 'Join the board' }).click()
  await expect(page.getByTestId('connection-status')).toHaveText(/Connected/)
})
