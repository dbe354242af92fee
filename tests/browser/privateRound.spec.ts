import type { Page } from '@playwright/test'
import { startServer, type TestServer } from '../helpers/startServer'
import { joinBoard, joinOnPhone, SCREENSHOT_DIR, startBoard } from './boardPage'
import { expect, test } from './fixtures'
import { seriousProblems } from './seriousProblems'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

const SAMS_IDEA = 'A drop-in on Saturdays'
const MAUREENS_BARRIER = 'The forms are only online'

/** The banner everyone sees while a private round is open. */
const roundBanner = (page: Page) => page.getByTestId('private-round')

test('a facilitator runs a private round: nobody sees anyone else’s cards until they are shown, then everyone’s appear, each credited to its author', async ({
  browser,
}) => {
  const alex = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  const { boardId } = await startBoard(alex, server.url, { name: 'Alex', role: 'Facilitator' })
  const sam = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  const phone = await joinOnPhone(browser, server.url, boardId, { name: 'Maureen', role: 'Carer' })

  await alex.getByRole('button', { name: 'Run the session' }).click()
  const panel = alex.getByRole('complementary', { name: 'Run the session' })
  await expect(
    panel.getByRole('form', { name: 'Private round' }).getByLabel('Minutes'),
  ).toHaveValue('5')
  await panel.getByRole('button', { name: 'Start a private round' }).click()
  await expect(panel.getByRole('status')).toHaveText(/^The private round has started\./)
  for (const page of [alex, sam, phone]) {
    await expect(roundBanner(page)).toContainText('Think on your own')
    await expect(roundBanner(page)).toContainText(/[45]:\d\d left/)
  }

  // The canvas is still during the round: a card drawn on it would reach everyone at once.
  await expect(sam.getByRole('toolbar', { name: 'Service map' })).toHaveCount(0)
  // Sam adds an idea from a form, opened from the round's banner; it stays off the shared canvas.
  await roundBanner(sam).getByRole('button', { name: 'Add from a form' }).click()
  await sam.getByRole('radio', { name: /^A note/ }).check()
  await sam.getByLabel('What kind of note?').selectOption({ label: 'Idea' })
  await sam.getByLabel('What the note says').fill(SAMS_IDEA)
  await sam.getByRole('button', { name: 'Add the note' }).click()
  const samsCards = sam.getByRole('region', { name: 'Your cards in this round' })
  await expect(samsCards.getByTestId('private-card')).toHaveText(new RegExp(SAMS_IDEA))
  await expect(sam.locator('.tl-shape').filter({ hasText: SAMS_IDEA })).toHaveCount(0)

  // Maureen adds a barrier from the phone lane.
  await phone.getByRole('button', { name: 'Add a barrier' }).click()
  await phone.getByLabel('What gets in the way?').fill(MAUREENS_BARRIER)
  await phone.getByRole('button', { name: 'Add', exact: true }).click()
  const laneCards = phone.getByRole('region', { name: 'Your cards in this round' })
  await expect(laneCards.getByTestId('private-card')).toHaveText(new RegExp(MAUREENS_BARRIER))
  await expect(laneCards).toContainText('Only you can see this until the facilitator shows')
  await expect(phone.getByTestId('lane-list')).not.toContainText(MAUREENS_BARRIER)

  // Her card survives a reload; she changes its words.
  await phone.reload()
  await expect(laneCards.getByTestId('private-card')).toHaveText(new RegExp(MAUREENS_BARRIER))
  await laneCards.getByRole('button', { name: 'Change this card' }).click()
  await laneCards.getByLabel('What your card says').fill(`${MAUREENS_BARRIER}, no help`)
  await laneCards.getByRole('button', { name: 'Save' }).click()
  await expect(laneCards.getByTestId('private-card')).toHaveText(/no help/)

  // Nobody sees anyone else's card, the facilitator included.
  await expect(phone.locator('body')).not.toContainText(SAMS_IDEA)
  await expect(sam.locator('body')).not.toContainText(MAUREENS_BARRIER)
  await expect(alex.locator('body')).not.toContainText(SAMS_IDEA)
  await expect(alex.locator('body')).not.toContainText(MAUREENS_BARRIER)
  expect(await seriousProblems(phone), 'the private round in the phone lane').toEqual([])
  expect(await seriousProblems(sam), 'the private round beside the canvas').toEqual([])
  await phone.screenshot({ path: `${SCREENSHOT_DIR}/private-round.png`, fullPage: true })
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/private-round-canvas.png` })
  // On the narrowest phone the banner and the person's cards fit, nothing cut off or overlaid.
  await phone.setViewportSize({ width: 320, height: 700 })
  await expect(laneCards.getByRole('button', { name: 'Take back this card' })).toBeVisible()
  expect(
    await phone.evaluate(() => document.documentElement.scrollWidth),
    'nothing wider than the screen',
  ).toBeLessThanOrEqual(320)
  await phone.screenshot({ path: `${SCREENSHOT_DIR}/private-round-320.png`, fullPage: true })

  await panel.getByRole('button', { name: 'Show everyone’s cards' }).click()
  await expect(panel.getByRole('status')).toHaveText('Everyone’s cards are on the board now.')
  for (const page of [alex, sam, phone]) await expect(roundBanner(page)).toHaveCount(0)
  await expect(sam.getByRole('toolbar', { name: 'Service map' })).toBeVisible()
  await expect(samsCards).toHaveCount(0)
  await expect(phone.getByTestId('lane-list')).toContainText(SAMS_IDEA)
  await expect(phone.getByTestId('lane-list')).toContainText(`${MAUREENS_BARRIER}, no help`)
  const samsOnAlex = alex.locator('.tl-shape[data-shape-type="purpose-note"]').filter({
    hasText: SAMS_IDEA,
  })
  await expect(samsOnAlex).toHaveCount(1)
  await expect(
    sam.locator('.tl-shape[data-shape-type="purpose-note"]').filter({ hasText: MAUREENS_BARRIER }),
  ).toHaveCount(1)

  // Each is credited to the person who wrote it, never to the facilitator who showed it.
  await alex.getByRole('button', { name: /^People/ }).click()
  const people = alex.getByRole('complementary', { name: 'People' })
  await expect(people.getByTestId('contributors')).toContainText('Sam · Lived experience')
  await expect(people.getByTestId('contributors')).toContainText('Maureen · Carer or family')
  // Shown from the map's list, it is selected and says who added it.
  await alex.getByRole('button', { name: /^The map as a list/ }).click()
  await alex
    .getByRole('complementary', { name: 'The map as a list' })
    .getByRole('button', { name: new RegExp(SAMS_IDEA) })
    .click()
  await expect(alex.getByTestId('attribution-label')).toHaveText(
    /^Added by Sam · Lived experience · \d/,
  )
  await alex.screenshot({ path: `${SCREENSHOT_DIR}/private-round-revealed.png` })
  await phone.screenshot({
    path: `${SCREENSHOT_DIR}/private-round-revealed-phone.png`,
    fullPage: true,
  })
})
