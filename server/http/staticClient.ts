import type { IncomingMessage, ServerResponse } from 'node:http'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import sirv from 'sirv'
import { BOARD_PAGE_HTML } from '../../client/build/boardPageHtml'
import { ApiPath } from '../../shared/api'
import { boardIdInPath, isBoardId } from '../../shared/protocol'
import { sendError } from './respond'

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Commonmap</title></head>
<body><p>Commonmap has not been built yet. Run <code>npm run build</code>, then start it again.</p></body>
</html>
`

/**
 * The browser may load and connect to nothing but this server. Commonmap promises that no
 * browser on a board contacts another host (workshops run behind NHS firewalls, and people's
 * privacy matters); this makes the browser enforce it even if some code path, a pasted link
 * or a record written by a misbehaving client asks for another host. Styles may be inline
 * because tldraw sets some; data:/blob: URLs are local to the page (Vite inlines tiny files such
 * as an empty translation as data: URLs, and pasted pictures and exports are blobs).
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy([])

/**
 * {@link CONTENT_SECURITY_POLICY}, also allowing the inline scripts whose exact text is given
 * (by their SHA-256): board.html has one the build writes (client/build/openBoardPage.ts).
 */
export function contentSecurityPolicy(inlineScripts: readonly string[]): string {
  const hashes = inlineScripts.map(
    (script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`,
  )
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' data: blob:",
    "worker-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ')
}

/** The text of each inline script of an HTML page. */
export function inlineScriptsOf(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] as string)
}

/**
 * Serves the built web app from `dir` (Vite's `dist/client`). Paths without a file extension
 * (`/`, `/b/<id>`) get `index.html`, so the app's own routes work when opened directly; a board's
 * address gets `board.html` when the build has one (the same page, which also asks for the board's
 * scripts at once: client/build/boardPageHtml.ts). Files
 * under `/assets/` have content hashes in their names and are cached for good; `index.html` is
 * revalidated so people get a new version on reload. Scripts and styles go compressed, brotli or
 * gzip as the browser accepts. Without a build, every page explains that.
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

  const boardPage = existsSync(join(dir, BOARD_PAGE_HTML)) ? `/${BOARD_PAGE_HTML}` : undefined
  const boardPagePolicy = boardPage
    ? contentSecurityPolicy(inlineScriptsOf(readFileSync(join(dir, BOARD_PAGE_HTML), 'utf8')))
    : CONTENT_SECURITY_POLICY
  const serve = sirv(dir, {
    single: true,
    etag: true,
    // The build writes a brotli and a gzipped copy of each script and style
    // (client/build/precompressAssets.ts).
    brotli: true,
    gzip: true,
    setHeaders: (res, pathname) => {
      res.setHeader('X-Content-Type-Options', 'nosniff')
      res.setHeader(
        'Content-Security-Policy',
        pathname === boardPage ? boardPagePolicy : CONTENT_SECURITY_POLICY,
      )
      res.setHeader('Referrer-Policy', 'no-referrer')
      res.setHeader(
        'Cache-Control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
  return (req, res) => {
    if (!methodCheck(req, res)) return
    const boardId = boardIdInPath(new URL(req.url ?? '/', 'http://x').pathname)
    if (boardPage && boardId !== undefined) {
      req.url = boardPage
      // The page's first question to the server, asked while its scripts are still on the way
      // (the app's own fetch of the same address then takes this answer).
      if (isBoardId(boardId)) {
        res.setHeader('Link', `<${ApiPath.board(boardId)}>; rel=preload; as=fetch; crossorigin`)
      }
    }
    serve(req, res, () => notFound(res))
  }
}
