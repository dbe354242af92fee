import type { Page } from '@playwright/test'
import { ApiPath } from '../../shared/api'
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

const CARDS = [
  { button: 'Add an idea', field: 'What could make it better?', text: 'Open on Saturdays' },
  { button: 'Add an idea', field: 'What could make it better?', text: 'One phone number' },
  { button: 'Add a barrier', field: 'What gets in the way?', text: 'Forms only online' },
]

/** Places one dot on the card called `text` in a vote list, and waits for the server's answer. */
async function placeDot(page: Page, text: string, left: number) {
  await page.getByRole('button', { name: `Add a dot to ${text}` }).click()
  await expect(page.getByTestId('dots-left')).toContainText(
    `You have ${left} ${left === 1 ? 'dot' : 'dots'} left`,
  )
}

test('a facilitator opens a dot vote; people on the canvas and on a phone place dots; the results show split by role and go into the report', async ({
  browser,
}) => {
  const alex = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  const { boardId } = await startBoard(alex, server.url, { name: 'Alex', role: 'Facilitator' })
  const sam = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  const phone = await joinOnPhone(browser, server.url, boardId, { name: 'Maureen', role: 'Carer' })
  for (const card of CARDS) {
    await phone.getByRole('button', { name: card.button }).click()
    await phone.getByLabel(card.field).fill(card.text)
    await phone.getByRole('button', { name: 'Add', exact: true }).click()
    await expect(phone.getByTestId('lane-list')).toContainText(card.text)
  }

  // The facilitator opens a vote on the ideas and barriers, 3 dots each.
  await alex.getByRole('button', { name: 'Run the session' }).click()
  const panel = alex.getByRole('complementary', { name: 'Run the session' })
  await expect(panel.getByLabel('The ideas and barriers (3)')).toBeChecked()
  await expect(panel.getByLabel('Dots for each person')).toHaveValue('3')
  await panel.getByRole('button', { name: 'Open the vote' }).click()
  await expect(panel.getByRole('status')).toHaveText('The vote is open on 3 cards.')

  // Sam votes on the canvas, from the session bar.
  await sam.getByTestId('session-bar').getByRole('button', { name: 'Vote with dots' }).click()
  const samVote = sam.getByRole('complementary', { name: 'Vote with dots' })
  await expect(samVote.getByTestId('dots-left')).toContainText('You have 3 dots left')
  await placeDot(sam, 'Open on Saturdays', 2)
  await placeDot(sam, 'Forms only online', 1)
  // One dot a card: the card Sam already chose takes no second one.
  await expect(
    samVote.getByRole('button', { name: 'Add a dot to Open on Saturdays' }),
  ).toBeDisabled()
  await expect(samVote).toContainText('The results show when the facilitator closes the vote.')
  expect(await seriousProblems(sam), 'the vote beside the canvas').toEqual([])
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/vote-canvas-placing.png` })

  // Maureen votes in the phone lane, with big buttons; she takes one back and places it again.
  const lane = phone.getByRole('region', { name: 'Vote with dots' })
  await expect(lane.getByTestId('dots-left')).toContainText('You have 3 dots left')
  await placeDot(phone, 'Open on Saturdays', 2)
  await placeDot(phone, 'One phone number', 1)
  await phone.getByRole('button', { name: 'Take a dot back from One phone number' }).click()
  await expect(lane.getByTestId('dots-left')).toContainText('You have 2 dots left')
  await placeDot(phone, 'Forms only online', 1)
  expect(await seriousProblems(phone), 'the vote in the phone lane').toEqual([])
  await lane.screenshot({ path: `${SCREENSHOT_DIR}/vote-phone-placing.png` })

  // Alex votes too, then closes the vote.
  await alex.getByTestId('session-bar').getByRole('button', { name: 'Vote with dots' }).click()
  const alexVote = alex.getByRole('complementary', { name: 'Vote with dots' })
  await placeDot(alex, 'Open on Saturdays', 2)
  await alex.getByTestId('session-bar').getByRole('button', { name: 'Run the session' }).click()
  await expect(panel).toContainText('3 people have voted so far.')
  await panel.getByRole('button', { name: 'Close the vote and show the results' }).click()
  await expect(panel.getByRole('status')).toHaveText(
    'The vote is closed. Everyone can see what we prioritised.',
  )

  // Everyone sees the results: three roles of one person each are pooled, never shown apart.
  const first = sam.getByTestId('vote-result').first()
  await expect(samVote.getByRole('heading', { name: 'What we prioritised' })).toBeVisible()
  await expect(first).toContainText('Open on Saturdays: 3 dots')
  await expect(first).toContainText(
    'Lived experience, Carer or family, Facilitator together: 3 dots',
  )
  await expect(phone.getByTestId('vote-result').first()).toContainText('Open on Saturdays: 3 dots')
  await expect(lane).toContainText('The vote has closed.')
  await expect(alexVote).toHaveCount(0)
  expect(await seriousProblems(phone), 'the results in the phone lane').toEqual([])
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/vote-results-canvas.png` })
  await lane.screenshot({ path: `${SCREENSHOT_DIR}/vote-results-phone.png` })
  await phone.setViewportSize({ width: 320, height: 700 })
  await lane.screenshot({ path: `${SCREENSHOT_DIR}/vote-results-320.png` })

  // Once it closed, the facilitator can open another vote; the form fits a 320 px screen.
  await alex.setViewportSize({ width: 320, height: 700 })
  // With the button at the foot of the panel, the whole form is in view above it.
  await panel
    .getByRole('button', { name: 'Open the vote' })
    .evaluate((button) => button.scrollIntoView({ block: 'end' }))
  await expect(panel.getByLabel('Dots for each person')).toBeInViewport()
  expect(await seriousProblems(alex), 'the vote controls in the session panel').toEqual([])
  await alex.screenshot({ path: `${SCREENSHOT_DIR}/vote-facilitator-320.png` })

  const report = await (await fetch(server.url + ApiPath.exportFile(boardId, 'html'))).text()
  expect(report).toContain('What we prioritised')
  expect(report).toContain('Open on Saturdays</strong>: 3 dots')
})
