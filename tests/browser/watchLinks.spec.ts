import { SESSION_AREAS } from '../../shared/sessionAreas'
import { SCREENSHOT_DIR, startBoard } from './boardPage'
import { expect, test } from './fixtures'
import { seriousProblems } from './seriousProblems'
import { startServer, type TestServer } from '../helpers/startServer'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

const area = (key: string) => SESSION_AREAS.find((a) => a.key === key)!
const STOPPED = 'The facilitator stopped this link to watch the board. Ask them for a new one.'

test('a facilitator makes a watch link; the projector display follows the stage and timer, watchers are counted, and a stopped link stops working', async ({
  browser,
}) => {
  const alex = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  await startBoard(alex, server.url, { name: 'Alex', role: 'Facilitator' })
  await alex.getByRole('button', { name: 'Run the session' }).click()
  const panel = alex.getByRole('complementary', { name: 'Run the session' })
  await panel.getByRole('button', { name: 'Make a watch link' }).click()
  const watchLink = await panel.getByRole('textbox', { name: 'Watch link' }).inputValue()
  expect(watchLink).toMatch(/\/b\/[\w-]+\?watch=w_/)
  await expect(panel.getByRole('img', { name: /^QR code for the watch link/ })).toBeVisible()
  await expect(panel.getByRole('listitem').filter({ hasText: 'Made by Alex at' })).toHaveCount(1)
  const displayLink = await panel
    .getByRole('link', { name: 'Open the display for the projector' })
    .getAttribute('href')
  expect(displayLink).toMatch(/\/display\?watch=w_/)

  // The projector opens the display: no join dialog, no tools, the join link's QR code.
  const projector = await (
    await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 720 } })
  ).newPage()
  await projector.goto(server.url + displayLink!)
  await expect(projector.getByRole('heading', { name: 'Welcome' })).toBeVisible({ timeout: 90_000 })
  await expect(projector.getByRole('img', { name: /^QR code to join the board/ })).toBeVisible()
  await expect(projector.getByRole('button', { name: 'Join the board' })).toHaveCount(0)
  await expect(projector.locator('.tlui-toolbar')).toHaveCount(0)
  await expect(alex.getByTestId('watching')).toHaveText('· 1 watching')

  // Someone following from elsewhere opens the watch link: the board, read-only.
  const faraway = await (await browser.newContext({ reducedMotion: 'reduce' })).newPage()
  await faraway.goto(watchLink)
  await expect(
    faraway.getByText('You are watching. Nothing can be changed from this link.'),
  ).toBeVisible({
    timeout: 90_000,
  })
  await expect(faraway.getByRole('button', { name: 'Join the board' })).toHaveCount(0)
  await expect(alex.getByTestId('watching')).toHaveText('· 2 watching')
  await panel.getByRole('img', { name: /^QR code for the watch link/ }).scrollIntoViewIfNeeded()
  expect(await seriousProblems(alex), 'the facilitator with a watch link made').toEqual([])
  await alex.screenshot({ path: `${SCREENSHOT_DIR}/watch-link.png` })
  const wide = alex.viewportSize()!
  await alex.setViewportSize({ width: 320, height: 700 })
  await panel
    .getByRole('button', { name: /^Stop this link \(made by Alex/ })
    .scrollIntoViewIfNeeded()
  await alex.screenshot({ path: `${SCREENSHOT_DIR}/watch-link-320.png` })
  await alex.setViewportSize(wide)

  // The facilitator moves the group and starts the timer: the display follows, large.
  await panel.getByLabel('Area to work on now').selectOption({ label: area('ideas').name })
  await panel.getByRole('button', { name: 'Take everyone there' }).click()
  await panel.getByRole('form', { name: 'Timer' }).getByLabel('Minutes').fill('5')
  await panel.getByRole('button', { name: 'Start the timer' }).click()
  const side = projector.getByRole('complementary', { name: 'What the group is doing now' })
  await expect(side.getByRole('heading', { name: area('ideas').name })).toBeVisible()
  await expect(side.getByText(area('ideas').prompt)).toBeVisible()
  await expect(side.getByRole('timer')).toHaveText(/[45]:\d\d left/)
  await expect(
    projector.getByRole('main').getByText(area('ideas').prompt, { exact: true }),
  ).toBeInViewport()
  await expect(faraway.getByRole('timer')).toHaveText(/[45]:\d\d left/)
  // Pointing at a shape says who it is credited to, as they chose.
  await faraway.getByRole('main').getByText(area('ideas').prompt, { exact: true }).hover()
  await expect(faraway.getByTestId('attribution-label')).toContainText('Alex · Facilitator')
  expect(await seriousProblems(projector), 'the projector display').toEqual([])
  expect(await seriousProblems(faraway), 'the board to watch').toEqual([])
  await projector.screenshot({ path: `${SCREENSHOT_DIR}/display.png` })
  await projector.setViewportSize({ width: 1920, height: 1080 })
  await expect(side.getByRole('heading', { name: area('ideas').name })).toBeInViewport()
  await projector.screenshot({ path: `${SCREENSHOT_DIR}/display-1080.png` })
  // 1280×720 at 200 % zoom: the words go above the board, still whole.
  await projector.setViewportSize({ width: 640, height: 360 })
  await expect(side.getByRole('timer')).toBeInViewport()
  await projector.screenshot({ path: `${SCREENSHOT_DIR}/display-200.png` })
  await faraway.screenshot({ path: `${SCREENSHOT_DIR}/watching.png` })

  // Stopping the link: both screens say why, the count goes, and reopening it does not work.
  await panel.getByRole('button', { name: /^Stop this link \(made by Alex/ }).click()
  await expect(panel.getByText('The link is stopped.', { exact: false })).toBeVisible()
  await expect(panel.getByRole('listitem').filter({ hasText: 'stopped at' })).toHaveCount(1)
  await expect(projector.getByText(STOPPED)).toBeVisible()
  await expect(faraway.getByText(STOPPED)).toBeVisible()
  await expect(alex.getByTestId('watching')).toHaveCount(0)
  await projector.reload()
  await expect(projector.getByText(STOPPED)).toBeVisible({ timeout: 90_000 })
  await projector.screenshot({ path: `${SCREENSHOT_DIR}/display-stopped.png` })
})
