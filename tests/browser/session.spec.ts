import { ApiPath } from '../../shared/api'
import { SESSION_AREAS } from '../../shared/sessionAreas'
import { apiCall } from '../helpers/apiCall'
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

const area = (key: string) => SESSION_AREAS.find((a) => a.key === key)!

test('a facilitator moves the group from area to area with a timer; people follow, stop and rejoin; phones show the prompt', async ({
  browser,
}) => {
  const alex = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  const { boardId, token } = await startBoard(alex, server.url, {
    name: 'Alex',
    role: 'Facilitator',
  })
  const sam = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  const phone = await joinOnPhone(browser, server.url, boardId, { name: 'Maureen', role: 'Carer' })
  await expect(phone.getByRole('heading', { name: area('purpose').name })).toBeVisible()

  // Only a facilitator has the session's controls.
  await expect(sam.getByRole('button', { name: 'Run the session' })).toHaveCount(0)
  await alex.getByRole('button', { name: 'Run the session' }).click()
  const panel = alex.getByRole('complementary', { name: 'Run the session' })
  await panel.getByLabel('Area to work on now').selectOption({ label: area('ideas').name })
  await panel.getByRole('button', { name: 'Take everyone there' }).click()

  const samBar = sam.getByTestId('session-bar')
  await expect(samBar).toContainText(`Now: ${area('ideas').name}`)
  await expect(sam.getByTestId('canvas').getByText(area('ideas').prompt)).toBeInViewport()
  await expect(phone.getByRole('heading', { name: area('ideas').name })).toBeVisible()
  await expect(phone.getByText(area('ideas').prompt)).toBeVisible()

  await panel.getByRole('form', { name: 'Timer' }).getByLabel('Minutes').fill('5')
  await panel.getByRole('button', { name: 'Start the timer' }).click()
  await expect(samBar.getByRole('timer')).toHaveText(/[45]:\d\d left/)
  await expect(phone.getByRole('timer')).toHaveText(/[45]:\d\d left/)
  expect(await seriousProblems(alex), 'the facilitator with the session panel open').toEqual([])
  expect(await seriousProblems(sam), 'the board with a stage and a timer').toEqual([])
  expect(await seriousProblems(phone), 'the phone lane with a stage and a timer').toEqual([])
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/session-stage-and-timer.png` })
  await phone.screenshot({ path: `${SCREENSHOT_DIR}/session-phone-prompt.png` })

  // Sam stops following: the next move changes what the bar says, not where Sam is looking.
  await samBar.getByRole('button', { name: 'Following the facilitator' }).click()
  await expect(samBar.getByRole('button', { name: 'Follow the facilitator' })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  await panel.getByLabel('Area to work on now').selectOption({ label: area('next').name })
  await panel.getByRole('button', { name: 'Take everyone there' }).click()
  await expect(samBar).toContainText(`Now: ${area('next').name}`)
  await expect(phone.getByRole('heading', { name: area('next').name })).toBeVisible()
  await expect(sam.getByTestId('canvas').getByText(area('ideas').prompt)).toBeInViewport()
  await expect(sam.getByTestId('canvas').getByText(area('next').prompt)).not.toBeInViewport()
  // Following again takes Sam to where the group is.
  await samBar.getByRole('button', { name: 'Follow the facilitator' }).click()
  await expect(sam.getByTestId('canvas').getByText(area('next').prompt)).toBeInViewport()

  // "Bring everyone here" brings people who are not following too, once.
  await samBar.getByRole('button', { name: 'Following the facilitator' }).click()
  await panel.getByLabel('Area to work on now').selectOption({ label: area('purpose').name })
  await panel.getByRole('button', { name: 'Take everyone there' }).click()
  await expect(alex.getByTestId('canvas').getByText(area('purpose').prompt)).toBeInViewport()
  await expect(samBar).toContainText(`Now: ${area('purpose').name}`)
  await expect(sam.getByTestId('canvas').getByText(area('purpose').prompt)).not.toBeInViewport()
  await panel.getByRole('button', { name: 'Bring everyone here' }).click()
  await expect(sam.getByTestId('canvas').getByText(area('purpose').prompt)).toBeInViewport()

  // Locking the areas: everyone is told, and the facilitator can unlock them again.
  await panel.getByRole('button', { name: 'Lock the areas' }).click()
  await expect(panel.getByText('The areas are locked.', { exact: true })).toBeVisible()
  await expect(samBar).toContainText('The areas are locked')
  await expect(panel.getByRole('button', { name: 'Unlock the areas' })).toBeVisible()
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/session-areas-locked.png` })

  // A gentle end: time is up is said, and Sam can still add to the board.
  await apiCall(server.url, 'PUT', ApiPath.sessionTimer(boardId), { token, body: { seconds: 1 } })
  await expect(samBar).toContainText(
    'Time is up. Finish the thought you are on; nothing is locked.',
  )
  await expect(phone.getByText(/^Time is up. Finish/)).toBeVisible()
  await phone.getByRole('button', { name: /idea/i }).first().click()
  await expect(phone.getByRole('button', { name: 'Add', exact: true })).toBeEnabled()
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/session-time-is-up.png` })
  await alex.setViewportSize({ width: 320, height: 700 })
  await alex.screenshot({ path: `${SCREENSHOT_DIR}/session-panel-320.png` })
})
