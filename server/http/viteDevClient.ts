import type { IncomingMessage, ServerResponse } from 'node:http'
import { fileURLToPath } from 'node:url'
import { sendError } from './respond'

/** The web app served live from source by Vite, with hot reload, for `npm run dev`. */
export interface ViteDevClient {
  readonly serveClient: (req: IncomingMessage, res: ServerResponse) => void
  close(): Promise<void>
}

/**
 * Starts Vite in middleware mode so the app and the board server share one origin in
 * development, as they do in production. Vite is imported here only, so a production server
 * never loads it. Hot-reload updates travel on Vite's own port.
 */
export async function createViteDevClient(): Promise<ViteDevClient> {
  const { createServer } = await import('vite')
  const vite = await createServer({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    server: { middlewareMode: true },
    appType: 'spa',
  })
  return {
    serveClient: (req, res) =>
      vite.middlewares(req, res, () => sendError(res, 404, 'There is nothing at this address.')),
    close: () => vite.close(),
  }
}
