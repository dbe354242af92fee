import type { Browser, Page } from '@playwright/test'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'
import { recordOutsideRequests } from './boardPage'
import type { OpenedFile } from './editors/openedFile'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * Serves the test page that opens a board file in the editor it was made for
 * (tests/browser/editors): Vite, on a free port, with nothing of Commonmap's client. Excalidraw
 * only runs in a browser and tldraw's page needs its bundled assets, so the page is built the
 * way the app is.
 */
export async function startEditorPages(): Promise<{ url: string; close(): Promise<void> }> {
  const server = await createServer({
    configFile: false,
    root: here('./editors'),
    logLevel: 'warn',
    plugins: [react()],
    server: { host: '127.0.0.1', port: 0 },
    // As the app does: pre-bundling would try to inline @tldraw/assets' `?url` imports.
    optimizeDeps: { exclude: ['@tldraw/assets'] },
  })
  await server.listen()
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('The editor test page has no address')
  return { url: url.replace(/\/$/, ''), close: () => server.close() }
}

/**
 * Opens a board file in tldraw (its default shapes only, as tldraw.com does) or Excalidraw on
 * the test page, in a browser context of its own that may reach nothing but the page's server,
 * and says what the editor found in it.
 */
export async function openInEditor(
  browser: Browser,
  pagesUrl: string,
  editor: 'tldraw' | 'excalidraw',
  file: string,
): Promise<{ page: Page; opened: OpenedFile; outside: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 2560, height: 1600 } })
  const outside = recordOutsideRequests(context, pagesUrl)
  await context.route(
    (url) => !url.href.startsWith(`${pagesUrl}/`),
    (route) => route.abort(),
  )
  const page = await context.newPage()
  const fonts = `${pagesUrl}/@fs${here('../../node_modules/@excalidraw/excalidraw/dist/prod/')}`
  await page.addInitScript(
    ([boardFile, assetPath]) => {
      window.boardFile = boardFile
      window.EXCALIDRAW_ASSET_PATH = assetPath
    },
    [file, fonts] as const,
  )
  await page.goto(`${pagesUrl}/?editor=${editor}`)
  const opened = (await (
    await page.waitForFunction(() => window.openedFile, null, { timeout: 120_000 })
  ).jsonValue()) as OpenedFile
  return { page, opened, outside, close: () => context.close() }
}
