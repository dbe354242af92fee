import { expect, test } from './fixtures'
import { createBoard } from '../helpers/createBoard'
import { startServer, type TestServer } from '../helpers/startServer'
import { joinBoard, SCREENSHOT_DIR } from './boardPage'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

test('anyone can choose the board’s licence from their menu, and everyone sees it and who chose it', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url)
  const sam = await (await browser.newContext()).newPage()
  const priya = await (await browser.newContext()).newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  await joinBoard(priya, server.url, boardId, { name: 'Priya', role: 'Practitioner' })

  await priya.getByTestId('my-menu-toggle').click()
  const priyaLicence = priya.getByRole('group', { name: 'Licence for this board' })
  await expect(
    priyaLicence.getByRole('radio', { name: /^Creative Commons Attribution 4\.0/ }),
  ).toBeChecked()
  await expect(priya.getByText(/^Nobody has chosen yet/)).toBeVisible()

  await sam.getByTestId('my-menu-toggle').click()
  await sam.getByRole('radio', { name: /^No rights reserved/ }).check()
  await expect(sam.getByText('Chosen by Sam · Lived experience.')).toBeVisible()
  await sam.screenshot({ path: `${SCREENSHOT_DIR}/licence.png` })

  await expect(priyaLicence.getByRole('radio', { name: /^No rights reserved/ })).toBeChecked()
  await expect(priya.getByText('Chosen by Sam · Lived experience.')).toBeVisible()
})
