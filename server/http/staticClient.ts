import type { IncomingMessage, ServerResponse } from 'node:http'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import sirv from 'sirv'
import { sendError } from './respond'

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Commonmap</title></head>
<body><p>Commonmap has not been built yet. Run <code>npm run build</code>, then start it again.</p></body>
</html>
`

/**
 * Serves the built web app from `dir` (Vite's `dist/client`). Paths without a file extension
 * (`/`, `/b/<id>`) get `index.html`, so the app's own routes work when opened directly. Files
 * under `/assets/` have content hashes in their names and are cached for good; `index.html` is
 * revalidated so people get a new version on reload. Without a build, every page explains that.
 */
export function createStaticClientHandler(
  dir: string,
): (req: IncomingMessage, res: ServerResponse) => void {
  const notFound = (res: ServerResponse) => sendError(res, 404, 'There is nothing at this address.')
  const methodCheck = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method === 'GET' || req.method === 'HEAD') return true
    sendError(res, 405, `This address does not accept ${req.method} requests.`, {
      Allow: 'GET, HEAD',
    })
    return false
  }

  if (!existsSync(join(dir, 'index.html'))) {
    return (req, res) => {
      if (!methodCheck(req, res)) return
      if (/\.[^/]*$/.test(new URL(req.url ?? '/', 'http://x').pathname)) return notFound(res)
      res.writeHead(503, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      })
      res.end(NOT_BUILT_PAGE)
    }
  }

  const serve = sirv(dir, {
    single: true,
    etag: true,
    setHeaders: (res, pathname) => {
      res.setHeader('X-Content-Type-Options', 'nosniff')
      res.setHeader(
        'Cache-Control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
  return (req, res) => {
    if (methodCheck(req, res)) serve(req, res, () => notFound(res))
  }
}
