import { expect, test } from './fixtures'
import { startServer, type TestServer } from '../helpers/startServer'
import { joinBoard, SCREENSHOT_DIR, startBoard } from './boardPage'
import { seriousProblems } from './seriousProblems'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

test('whoever starts a board facilitates it, lets someone else facilitate, and hands over', async ({
  browser,
}) => {
  const alex = await (await browser.newContext()).newPage()
  const { boardId } = await startBoard(alex, server.url, { name: 'Alex', role: 'Practitioner' })

  const sam = await (await browser.newContext()).newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam', role: 'Lived experience' })

  // Everyone sees who runs the session, apart from who contributed, whatever role they chose.
  await sam.getByRole('button', { name: /^People/ }).click()
  const samPanel = sam.getByRole('complementary', { name: 'People' })
  await expect(samPanel.getByTestId('facilitated-by')).toHaveText(
    'Facilitated by Alex · Facilitator',
  )
  // Choosing the role "Facilitator" would grant nothing: only a facilitator sees the controls.
  await expect(samPanel.getByRole('button', { name: 'Make facilitator' })).toHaveCount(0)

  await alex.getByRole('button', { name: /^People/ }).click()
  const alexPanel = alex.getByRole('complementary', { name: 'People' })
  await expect(alexPanel.getByText(/A board always needs someone to run it/)).toBeVisible()
  await alexPanel
    .getByLabel('Let someone else facilitate')
    .selectOption({ label: 'Sam · Lived experience' })
  await alexPanel.getByRole('button', { name: 'Make facilitator' }).click()
  await expect(alexPanel.getByTestId('facilitated-by')).toHaveText(
    'Facilitated by Alex · Facilitator and Sam · Facilitator',
  )
  expect(await seriousProblems(alex), 'a facilitator’s People panel').toEqual([])
  await alex.screenshot({ path: `${SCREENSHOT_DIR}/facilitators-two.png` })

  // Sam's open board now lets Sam run the session, without reloading; Sam hands it back.
  await samPanel
    .getByRole('button', { name: 'Take back facilitating from Alex · Practitioner' })
    .click()
  await expect(samPanel.getByTestId('facilitated-by')).toHaveText(
    'Facilitated by Sam · Facilitator',
  )
  await expect(alexPanel.getByTestId('facilitated-by')).toHaveText(
    'Facilitated by Sam · Facilitator',
  )
  await expect(alexPanel.getByRole('button', { name: 'Make facilitator' })).toHaveCount(0)
  await expect(samPanel.getByRole('button', { name: 'Stop facilitating' })).toHaveCount(0)
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/facilitators-handed-over.png` })

  // On a phone-width screen at 200 % zoom the section still reads and works.
  await sam.setViewportSize({ width: 320, height: 700 })
  await expect(samPanel.getByTestId('facilitated-by')).toBeVisible()
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/facilitators-320.png` })
})
