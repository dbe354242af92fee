import { chromium, devices, expect, type Browser, type Page } from '@playwright/test'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { ensureBuilt } from '../../server/ensureBuilt'
import { boardPath } from '../../shared/protocol'
import { createBoard, joinBoard, person } from '../helpers/createBoard'
import { startServer, type TestServer } from '../helpers/startServer'

/** What the board's two views cost a person's device to open. */
export interface PageWeightResult {
  /** All the JavaScript the canvas page loads before anyone opens Export, gzipped (bytes). */
  readonly boardJsGzip: number
  /** All the JavaScript the phone lane loads, gzipped (bytes). */
  readonly laneJsGzip: number
  /**
   * From navigating to the board's link to the phone lane's buttons working, on "Slow 3G"
   * (400 kbit/s, 400 ms round trip) with the CPU 4× slower, nothing cached (ms).
   */
  readonly laneUsableSlowMs: number
}

/** Targets of the issue "Everyone in the room, on their own phone". */
export const PAGE_WEIGHT_TARGETS = {
  boardJsGzip: 700 * 1024,
  laneJsGzip: 200 * 1024,
  laneUsableSlowMs: 5000,
} as const

const SLOW_3G = { latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 }
const PHONE = { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } }

/**
 * Opens a co-design board in Chromium as a person who has joined it before (their identity on
 * the device), once on a desktop (the canvas) and once on a phone (the lane), adding up the
 * gzipped size of every script each loads; then the phone once more on a throttled network and
 * CPU, timed until it can add a card.
 */
export async function runPageWeightScenario(): Promise<PageWeightResult> {
  await ensureBuilt()
  const server = await startServer()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  try {
    const boardId = await createBoard(server.url, 'Page weight bench', { template: 'co-design' })
    const board = await openAs(browser, server, boardId, { viewport: { width: 1280, height: 800 } })
    await expect(board.page.locator('.tl-shape').first()).toBeVisible({ timeout: 60_000 })
    await expect(board.page.getByTestId('connection-status')).toHaveText(/Connected/)
    const boardJsGzip = await board.scriptBytes()
    await board.page.context().close()

    const lane = await openAs(browser, server, boardId, PHONE)
    await laneUsable(lane.page)
    const laneJsGzip = await lane.scriptBytes()
    await lane.page.context().close()

    const slow = await openAs(browser, server, boardId, PHONE, async (page) => {
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_3G })
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    })
    await laneUsable(slow.page)
    const laneUsableSlowMs = Math.round(performance.now() - slow.startedAt)
    await slow.page.context().close()
    return { boardJsGzip, laneJsGzip, laneUsableSlowMs }
  } finally {
    await browser.close()
    await server.stop()
  }
}

/** Waits until the phone lane can add a card. */
async function laneUsable(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Add a barrier' })).toBeEnabled({
    timeout: 120_000,
  })
}

async function openAs(
  browser: Browser,
  server: TestServer,
  boardId: string,
  contextOptions: Parameters<Browser['newContext']>[0],
  before?: (page: Page) => Promise<void>,
) {
  const joined = await joinBoard(server.url, boardId, person('Maureen'))
  const context = await browser.newContext(contextOptions)
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
    `commonmap:identity:${boardId}`,
    JSON.stringify(joined),
  ] as const)
  const page = await context.newPage()
  const scripts: Promise<number>[] = []
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return
    scripts.push(
      response.body().then(
        (body) => gzipSync(body).length,
        () => 0,
      ),
    )
  })
  await before?.(page)
  const startedAt = performance.now()
  await page.goto(server.url + boardPath(boardId), { waitUntil: 'commit' })
  return {
    page,
    startedAt,
    /** The gzipped size of every script loaded so far. */
    scriptBytes: async () => (await Promise.all(scripts)).reduce((sum, n) => sum + n, 0),
  }
}

/** The scenario's section of the report; its targets are in benchTargets.ts. */
export function formatPageWeight(result: PageWeightResult): string[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  return [
    'Page weight (Chromium)',
    `  Board page JavaScript before Export (gzip): ${kb(result.boardJsGzip)}`,
    `  Phone lane JavaScript (gzip): ${kb(result.laneJsGzip)}`,
    `  Phone lane usable on Slow 3G (400 kbit/s, 400 ms) with 4× CPU slowdown: ` +
      `${(result.laneUsableSlowMs / 1000).toFixed(1)} s`,
  ]
}
