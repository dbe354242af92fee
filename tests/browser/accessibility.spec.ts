import { devices, type Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { boardPath } from '../../shared/protocol'
import { createBoard } from '../helpers/createBoard'
import { startServer, type TestServer } from '../helpers/startServer'
import { fillJoinDialog } from './boardPage'
import { seriousProblems } from './seriousProblems'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

test('the start page, the join dialog, the board with each panel open, the export dialog and the phone lane have no serious accessibility problems', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url, 'Getting help with housing', {
    template: 'co-design',
  })
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(server.url)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await seriousProblems(page), 'start page').toEqual([])

  await page.goto(server.url + boardPath(boardId))
  await expect(page.getByRole('button', { name: 'Join the board' })).toBeVisible()
  expect(await seriousProblems(page), 'join dialog').toEqual([])
  await fillJoinDialog(page, { name: 'Sam', role: 'Facilitator' })
  await page.getByRole('button', { name: 'Join the board' }).click()
  await expect(page.getByTestId('connection-status')).toHaveText(/Connected/, { timeout: 90_000 })
  expect(await seriousProblems(page), 'board').toEqual([])

  for (const panel of [
    'People',
    'The map as a list',
    'What do the shapes mean?',
    'Add from a form',
  ]) {
    await page.getByRole('button', { name: panel, exact: true }).click()
    await expect(page.getByRole('complementary')).toBeVisible()
    expect(await seriousProblems(page), `board with "${panel}" open`).toEqual([])
    await page
      .getByRole('complementary')
      .getByRole('button', { name: /^Close/ })
      .click()
  }

  await page.getByRole('button', { name: /^Export/ }).click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  expect(await seriousProblems(page), 'export dialog').toEqual([])
  await context.close()

  const phone = await browser.newContext({
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
  })
  const lane = await phone.newPage()
  await joinBoardOnPhone(lane, boardId)
  expect(await seriousProblems(lane), 'phone lane').toEqual([])
  await lane.getByRole('button', { name: 'Add a barrier' }).click()
  await lane.getByRole('button', { name: /^Board menu/ }).click()
  expect(await seriousProblems(lane), 'phone lane with a form and the menu open').toEqual([])
  await phone.close()
})

async function joinBoardOnPhone(page: Page, boardId: string) {
  await page.goto(server.url + boardPath(boardId))
  await fillJoinDialog(page, { name: 'Maureen', role: 'Lived experience' })
  await page.getByRole('button', { name: 'Join the board' }).click()
  await expect(page.getByRole('button', { name: 'Add a barrier' })).toBeVisible()
}
