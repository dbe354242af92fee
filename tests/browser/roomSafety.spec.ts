import { JOINING_CLOSED_MESSAGE } from '../../shared/api'
import { REMOVED_FROM_BOARD } from '../../shared/closeCodes'
import { boardPath } from '../../shared/protocol'
import { startServer, type TestServer } from '../helpers/startServer'
import { fillJoinDialog, joinBoard, joinOnPhone, SCREENSHOT_DIR, startBoard } from './boardPage'
import { expect, test } from './fixtures'
import { seriousProblems } from './seriousProblems'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

const CARD = 'Dr Jones at the surgery never listens'

test('someone hides a card for review, it leaves everyone’s view but the facilitator’s, who restores it; the facilitator removes someone and closes the board to new people', async ({
  browser,
}) => {
  const alex = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  const { boardId } = await startBoard(alex, server.url, { name: 'Alex', role: 'Facilitator' })
  const sam = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  const phone = await joinOnPhone(browser, server.url, boardId, { name: 'Maureen', role: 'Carer' })

  // Maureen adds a card from her phone; everyone sees it.
  await phone.getByRole('button', { name: 'Add a barrier' }).click()
  await phone.getByLabel('What gets in the way?').fill(CARD)
  await phone.getByRole('button', { name: 'Add', exact: true }).click()
  const lane = phone.getByTestId('lane-list')
  await expect(lane).toContainText(CARD)
  const samCanvas = sam.getByTestId('canvas')
  await expect(samCanvas.getByText(CARD)).toHaveCount(1)

  // On second thoughts it names someone who is not here: she hides it for now.
  await phone.getByRole('button', { name: `Hide for now (the card ‘${CARD}’)` }).click()
  await phone.getByLabel('It names someone who is not here').check()
  // The narrowest phone people use.
  await phone.setViewportSize({ width: 320, height: 700 })
  expect(await seriousProblems(phone), 'hiding a card on a phone').toEqual([])
  await phone.screenshot({ path: `${SCREENSHOT_DIR}/hide-for-now-phone.png` })
  await phone.getByRole('button', { name: 'Hide it' }).click()
  await expect(phone.getByRole('status').filter({ hasText: 'hidden for now' })).toHaveText(
    'The card is hidden for now. A facilitator will look at it.',
  )
  await expect(lane).not.toContainText(CARD)
  await expect(samCanvas.getByText(CARD)).toHaveCount(0)

  // The facilitator still has it, under "Hidden for review", without who hid it.
  await alex.getByRole('button', { name: 'Run the session' }).click()
  const panel = alex.getByRole('complementary', { name: 'Run the session' })
  await expect(panel.getByRole('heading', { name: 'Hidden for review (1)' })).toBeVisible()
  const hidden = panel.getByTestId('hidden-card')
  await expect(hidden).toContainText(CARD)
  await expect(hidden).toContainText('It names someone who is not here')
  await expect(hidden).not.toContainText('Maureen')
  await panel.getByRole('button', { name: `Show on the board (the card ‘${CARD}’)` }).click()
  await expect(alex.getByTestId('hidden-label')).toHaveText('Hidden for review')
  expect(await seriousProblems(alex), 'the facilitator reviewing a hidden card').toEqual([])
  await alex.screenshot({ path: `${SCREENSHOT_DIR}/hidden-for-review.png` })

  // Restored, it is back for everyone.
  await panel.getByRole('button', { name: `Restore the card ‘${CARD}’` }).click()
  await expect(panel.getByRole('heading', { name: 'Hidden for review (0)' })).toBeVisible()
  await expect(samCanvas.getByText(CARD)).toHaveCount(1)
  await expect(lane).toContainText(CARD)
  await expect(alex.getByTestId('hidden-label')).toHaveCount(0)

  // On the canvas: Sam selects the card from the map's list and hides it from the bar beside it.
  await sam.getByRole('button', { name: 'The map as a list' }).click()
  const samList = sam.getByRole('complementary', { name: 'The map as a list' })
  await samList.getByRole('button', { name: CARD }).click()
  await sam.getByRole('button', { name: `Hide for now (the card ‘${CARD}’)` }).click()
  await sam.getByLabel('It is hurtful').check()
  await sam.getByRole('button', { name: 'Hide it' }).click()
  await expect(samList).not.toContainText(CARD)
  await expect(lane).not.toContainText(CARD)
  await expect(hidden).toContainText('It is hurtful')
  await panel.getByRole('button', { name: `Restore the card ‘${CARD}’` }).click()
  await expect(samList).toContainText(CARD)

  // The facilitator closes the board to new people: everyone sees it, and nobody new gets in.
  await panel.getByRole('button', { name: 'Close to new people' }).click()
  await expect(sam.getByTestId('session-bar')).toContainText('Closed to new people')
  const latecomer = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  await latecomer.goto(server.url + boardPath(boardId))
  await fillJoinDialog(latecomer, { name: 'Jo', role: 'Practitioner' })
  await latecomer.getByRole('button', { name: 'Join the board' }).click()
  await expect(latecomer.getByRole('alert')).toHaveText(JOINING_CLOSED_MESSAGE)

  // The facilitator removes Sam, after a plain confirm step; Sam's page says so.
  await alex.getByRole('button', { name: 'People', exact: true }).click()
  const people = alex.getByRole('complementary', { name: 'People' })
  await people.getByLabel('Person').selectOption({ label: 'Sam · Lived experience' })
  await people.getByRole('button', { name: 'Remove from the board…' }).click()
  // At 200 % zoom the confirm step is still whole and in plain words.
  await alex.setViewportSize({ width: 640, height: 400 })
  await people.getByRole('button', { name: 'Yes, remove them' }).scrollIntoViewIfNeeded()
  expect(await seriousProblems(alex), 'removing someone at 200 % zoom').toEqual([])
  await alex.screenshot({ path: `${SCREENSHOT_DIR}/remove-someone-200-percent.png` })
  await expect(people.getByRole('group')).toContainText(
    'Remove Sam · Lived experience from the board? Their link stops working',
  )
  await people.getByRole('button', { name: 'Yes, remove them' }).click()
  await expect(people.getByRole('status').filter({ hasText: 'removed' })).toHaveText(
    'Sam · Lived experience was removed from the board.',
  )
  await expect(sam.getByRole('alert').filter({ hasText: 'removed you' })).toHaveText(
    REMOVED_FROM_BOARD,
  )
  expect(await seriousProblems(sam), 'the page of someone removed').toEqual([])
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/removed-participant.png` })
  // What Maureen added is still there for everyone else.
  await expect(lane).toContainText(CARD)
})
