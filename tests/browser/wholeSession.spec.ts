import type { Page } from '@playwright/test'
import { ApiPath } from '../../shared/api'
import { SESSION_AREAS } from '../../shared/sessionAreas'
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

const ideas = SESSION_AREAS.find((area) => area.key === 'ideas')!
const SAMS_IDEA = 'A drop-in on Saturdays'
const JOS_IDEA = 'One phone number for everything'
const MAUREENS_BARRIER = 'The forms are only online'

/** Adds a note from the canvas's "Add from a form" (during a round, it stays with its author). */
async function addNoteFromForm(page: Page, kind: string, words: string) {
  await page.getByTestId('private-round').getByRole('button', { name: 'Add from a form' }).click()
  await page.getByRole('radio', { name: /^A note/ }).check()
  await page.getByLabel('What kind of note?').selectOption({ label: kind })
  await page.getByLabel('What the note says').fill(words)
  await page.getByRole('button', { name: 'Add the note' }).click()
  await expect(
    page.getByRole('region', { name: 'Your cards in this round' }).getByTestId('private-card'),
  ).toContainText(words)
}

/** Places one dot on the card called `words`, from the "Vote with dots" list or lane. */
async function placeDot(page: Page, words: string) {
  const left = page.getByTestId('dots-left')
  const before = await left.textContent()
  await page.getByRole('button', { name: `Add a dot to ${words}` }).click()
  await expect(left).not.toHaveText(before ?? '')
}

test('a whole session: a facilitator, three participants (one on a phone, one not named) and the projector; stages with a timer, a private round, a vote split by role, a card hidden and restored, and the report', async ({
  browser,
}) => {
  test.setTimeout(480_000)
  const desktop = { reducedMotion: 'reduce' } as const
  const alex = await (await browser.newContext(desktop)).newPage()
  const { boardId } = await startBoard(alex, server.url, { name: 'Alex', role: 'Facilitator' })
  const sam = await (await browser.newContext(desktop)).newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  const jo = await (await browser.newContext(desktop)).newPage()
  await joinBoard(jo, server.url, boardId, {
    name: 'Jo',
    role: 'Practitioner',
    credit: 'Do not name me',
  })
  const phone = await joinOnPhone(browser, server.url, boardId, { name: 'Maureen', role: 'Carer' })

  // The facilitator puts the board on the room's projector with a watch link.
  await alex.getByRole('button', { name: 'Run the session' }).click()
  const panel = alex.getByRole('complementary', { name: 'Run the session' })
  await panel.getByRole('button', { name: 'Make a watch link' }).click()
  const display = await panel
    .getByRole('link', { name: 'Open the display for the projector' })
    .getAttribute('href')
  const projector = await (
    await browser.newContext({ ...desktop, viewport: { width: 1280, height: 720 } })
  ).newPage()
  await projector.goto(server.url + display!)
  await expect(projector.getByRole('img', { name: /^QR code to join the board/ })).toBeVisible({
    timeout: 90_000,
  })
  await expect(alex.getByTestId('watching')).toHaveText('· 1 watching')

  // Stage and timer: everyone, the phone and the projector go to the ideas.
  await panel.getByLabel('Area to work on now').selectOption({ label: ideas.name })
  await panel.getByRole('button', { name: 'Take everyone there' }).click()
  await panel.getByRole('form', { name: 'Timer' }).getByLabel('Minutes').fill('10')
  await panel.getByRole('button', { name: 'Start the timer' }).click()
  const now = projector.getByRole('complementary', { name: 'What the group is doing now' })
  await expect(now.getByRole('heading', { name: ideas.name })).toBeVisible()
  await expect(now.getByRole('timer')).toHaveText(/(9|10):\d\d left/)
  await expect(phone.getByRole('heading', { name: ideas.name })).toBeVisible()
  await expect(sam.getByTestId('session-bar')).toContainText(`Now: ${ideas.name}`)
  expect(await seriousProblems(projector), 'the projector display').toEqual([])
  await projector.screenshot({ path: `${SCREENSHOT_DIR}/whole-session-display.png` })

  // A private round: everyone thinks on their own first, the facilitator too.
  await panel.getByRole('button', { name: 'Start a private round' }).click()
  for (const page of [sam, jo, phone]) {
    await expect(page.getByTestId('private-round')).toContainText('Think on your own')
  }
  await addNoteFromForm(sam, 'Idea', SAMS_IDEA)
  await addNoteFromForm(jo, 'Idea', JOS_IDEA)
  await phone.getByRole('button', { name: 'Add a barrier' }).click()
  await phone.getByLabel('What gets in the way?').fill(MAUREENS_BARRIER)
  await phone.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(
    phone.getByRole('region', { name: 'Your cards in this round' }).getByTestId('private-card'),
  ).toContainText(MAUREENS_BARRIER)
  for (const [page, others] of [
    [sam, [JOS_IDEA, MAUREENS_BARRIER]],
    [jo, [SAMS_IDEA, MAUREENS_BARRIER]],
    [phone, [SAMS_IDEA, JOS_IDEA]],
    [alex, [SAMS_IDEA, JOS_IDEA, MAUREENS_BARRIER]],
    [projector, [SAMS_IDEA, JOS_IDEA, MAUREENS_BARRIER]],
  ] as const) {
    for (const words of others) await expect(page.locator('body')).not.toContainText(words)
  }
  await phone.screenshot({ path: `${SCREENSHOT_DIR}/whole-session-round-phone.png` })

  await panel.getByRole('button', { name: 'Show everyone’s cards' }).click()
  const lane = phone.getByTestId('lane-list')
  for (const words of [SAMS_IDEA, JOS_IDEA, MAUREENS_BARRIER]) {
    await expect(lane).toContainText(words)
  }
  await alex.getByRole('button', { name: /^People/ }).click()
  const contributors = alex
    .getByRole('complementary', { name: 'People' })
    .getByTestId('contributors')
  await expect(contributors).toContainText('Sam · Lived experience')
  await expect(contributors).toContainText('Maureen · Carer or family')
  await expect(contributors).not.toContainText('Jo')
  await alex.getByTestId('session-bar').getByRole('button', { name: 'Run the session' }).click()

  // Maureen takes a card down for review; it leaves everyone's view but the facilitator's.
  await phone.getByRole('button', { name: `Hide for now (the card ‘${JOS_IDEA}’)` }).click()
  await phone.getByLabel('Something else').check()
  await phone.getByRole('button', { name: 'Hide it' }).click()
  await expect(lane).not.toContainText(JOS_IDEA)
  await expect(sam.getByTestId('canvas').getByText(JOS_IDEA)).toHaveCount(0)
  await expect(panel.getByRole('heading', { name: 'Hidden for review (1)' })).toBeVisible()
  await expect(panel.getByTestId('hidden-card')).toContainText(JOS_IDEA)
  await expect(panel.getByTestId('hidden-card')).not.toContainText('Maureen')
  await alex.screenshot({ path: `${SCREENSHOT_DIR}/whole-session-hidden.png` })
  // The facilitator reads it, finds nothing wrong, and restores it for everyone.
  await panel.getByRole('button', { name: `Restore the card ‘${JOS_IDEA}’` }).click()
  await expect(lane).toContainText(JOS_IDEA)
  await expect(sam.getByTestId('canvas').getByText(JOS_IDEA)).toHaveCount(1)

  // A dot vote on the ideas and barriers, three dots each.
  await expect(panel.getByLabel('The ideas and barriers (3)')).toBeChecked()
  await panel.getByRole('button', { name: 'Open the vote' }).click()
  await expect(panel.getByText('The vote is open on 3 cards.', { exact: true })).toBeVisible()
  for (const page of [sam, jo, alex]) {
    await page.getByTestId('session-bar').getByRole('button', { name: 'Vote with dots' }).click()
  }
  await placeDot(sam, SAMS_IDEA)
  await placeDot(sam, MAUREENS_BARRIER)
  await placeDot(jo, SAMS_IDEA)
  await placeDot(jo, JOS_IDEA)
  await placeDot(phone, SAMS_IDEA)
  await placeDot(phone, MAUREENS_BARRIER)
  await placeDot(alex, SAMS_IDEA)
  await alex.getByTestId('session-bar').getByRole('button', { name: 'Run the session' }).click()
  await expect(panel).toContainText('4 people have voted so far.')
  await panel.getByRole('button', { name: 'Close the vote and show the results' }).click()
  const first = sam.getByTestId('vote-result').first()
  await expect(first).toContainText(`${SAMS_IDEA}: 4 dots`)
  // Three roles of one person each are pooled; Jo, not named and alone, is in no group shown.
  await expect(first).toContainText(
    'Lived experience, Carer or family, Facilitator together: 3 dots',
  )
  await expect(first).not.toContainText('Practitioner')
  await expect(phone.getByTestId('vote-result').first()).toContainText(`${SAMS_IDEA}: 4 dots`)
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/whole-session-vote.png` })

  // The report: what we prioritised, who facilitated apart from who contributed, Jo not named.
  const report = await (await fetch(server.url + ApiPath.exportFile(boardId, 'html'))).text()
  expect(report).toContain('What we prioritised')
  expect(report).toContain(`${SAMS_IDEA}</strong>: 4 dots`)
  expect(report).toContain('Facilitated by Alex · Facilitator')
  expect(report).toContain('Sam · Lived experience')
  expect(report).not.toContain('Jo ·')
  const reader = await (await browser.newContext(desktop)).newPage()
  await reader.setContent(report)
  await reader.getByRole('heading', { name: 'What we prioritised' }).scrollIntoViewIfNeeded()
  await reader.screenshot({ path: `${SCREENSHOT_DIR}/whole-session-report.png` })
  await projector.screenshot({ path: `${SCREENSHOT_DIR}/whole-session-display-end.png` })
})
