import { expect, test } from './fixtures'
import { boardPath } from '../../shared/protocol'
import { createBoard } from '../helpers/createBoard'
import { startServer, type TestServer } from '../helpers/startServer'
import { drawRectangle, joinBoard, recordOutsideRequests, shapes } from './boardPage'

let server: TestServer
test.beforeEach(async () => {
  server = await startServer()
})
test.afterEach(async () => {
  await server.stop()
})

test('a rectangle drawn by one person appears for another with its author, and survives reload and restart', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url, 'Getting help with housing')
  const samContext = await browser.newContext()
  const priyaContext = await browser.newContext()
  const outside = [samContext, priyaContext].map((c) => recordOutsideRequests(c, server.url))
  const sam = await samContext.newPage()
  const priya = await priyaContext.newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  await joinBoard(priya, server.url, boardId, { name: 'Priya', role: 'Practitioner' })

  await priya.getByRole('button', { name: /2 people here/ }).click()
  await expect(priya.getByTestId('whos-here-list')).toContainText('Sam · Lived experience')
  await expect(priya.getByTestId('whos-here-list')).toContainText('Priya (you) · Practitioner')

  await drawRectangle(sam, { x: 400, y: 300 }, { x: 600, y: 450 })
  await expect(shapes(priya)).toHaveCount(1)
  // An unfilled rectangle is hovered on its outline, not inside.
  await priya.mouse.move(401, 375)
  await expect(priya.getByTestId('attribution-label')).toContainText(
    'Added by Sam · Lived experience',
  )

  await priya.reload()
  await expect(shapes(priya)).toHaveCount(1)
  await expect(priya.getByRole('textbox', { name: 'Your name' })).toHaveCount(0)

  await server.kill('SIGTERM')
  await expect(sam.getByTestId('connection-status')).toHaveText(/Offline/)
  await server.restart()
  await expect(sam.getByTestId('connection-status')).toHaveText(/Connected/)
  const latecomer = await (await browser.newContext()).newPage()
  await joinBoard(latecomer, server.url, boardId, { name: 'Jo', role: 'Carer or family' })
  await expect(shapes(latecomer)).toHaveCount(1)

  expect(outside.flat()).toEqual([])
})

test('edits made while offline are kept on the device, survive a reload, and merge when back online', async ({
  browser,
}) => {
  const boardId = await createBoard(server.url)
  const samContext = await browser.newContext()
  const sam = await samContext.newPage()
  const priya = await (await browser.newContext()).newPage()
  await joinBoard(sam, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  await joinBoard(priya, server.url, boardId, { name: 'Priya', role: 'Practitioner' })
  // The service worker must hold the app before the wifi drops.
  await sam.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))

  await samContext.setOffline(true)
  await expect(sam.getByTestId('connection-status')).toHaveText(/Offline/)
  // The server really is out of reach, service worker included, so the reload below can only
  // come from what the device kept.
  expect(
    await sam.evaluate(() =>
      fetch('/healthz').then(
        () => 'reached',
        () => 'unreachable',
      ),
    ),
  ).toBe('unreachable')
  await drawRectangle(sam, { x: 300, y: 300 }, { x: 450, y: 420 })
  await expect(shapes(sam)).toHaveCount(1)
  await sam.reload()
  await expect(shapes(sam)).toHaveCount(1)
  await expect(shapes(priya)).toHaveCount(0)

  await samContext.setOffline(false)
  await expect(sam.getByTestId('connection-status')).toHaveText(/Connected/)
  await expect(shapes(priya)).toHaveCount(1)
})

test('the Share button shows the board link and copies it', async ({ browser }) => {
  const boardId = await createBoard(server.url)
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
  const page = await context.newPage()
  await joinBoard(page, server.url, boardId, { name: 'Sam', role: 'Facilitator' })
  await page.getByRole('button', { name: 'Share' }).click()
  const link = server.url + boardPath(boardId)
  await expect(page.getByLabel('Board link')).toHaveValue(link)
  await page.getByRole('button', { name: 'Copy link' }).click()
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link)
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible()
})

test('a link to a board that was never created says so plainly', async ({ page }) => {
  await page.goto(server.url + boardPath('A'.repeat(22)))
  await expect(page.getByRole('heading', { name: 'This board does not exist' })).toBeVisible()
  await page.goto(server.url + '/b/not-a-board')
  await expect(page.getByRole('heading', { name: 'This link is not quite right' })).toBeVisible()
})

test('a dropped picture is uploaded to the server, not embedded in the board', async ({ page }) => {
  const boardId = await createBoard(server.url)
  await joinBoard(page, server.url, boardId, { name: 'Sam', role: 'Lived experience' })
  // The canvas comes with tldraw's own scripts, which a loaded machine may still be fetching.
  await expect(page.locator('.tl-canvas')).toBeVisible()
  // A 1×1 PNG, dropped onto the canvas the way a file from the desktop arrives.
  await page.evaluate(async () => {
    const png = Uint8Array.from(
      atob(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      ),
      (c) => c.charCodeAt(0),
    )
    const transfer = new DataTransfer()
    transfer.items.add(new File([png], 'dot.png', { type: 'image/png' }))
    const canvas = document.querySelector('.tl-canvas')!
    canvas.dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, clientX: 500, clientY: 400, bubbles: true }),
    )
  })
  // While it uploads, tldraw shows a local preview (a blob: URL); then the server's copy.
  const image = shapes(page, 'image').locator(`img[src^="/api/boards/${boardId}/assets/"]`)
  await expect(image).toHaveAttribute(
    'src',
    new RegExp(`^/api/boards/${boardId}/assets/[0-9a-f]{64}\\.png$`),
  )
  const src = await image.getAttribute('src')
  const served = await page.request.get(server.url + src)
  expect(served.headers()['content-type']).toBe('image/png')
})
