import type { IncomingMessage, ServerResponse } from 'node:http'
import Negotiator from 'negotiator'
import type { ApiError } from '../../shared/api'

/** Sends a JSON response. API responses are never cached: boards change. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(text)
}

/** Sends an {@link ApiError}: `message` is one plain sentence a person can read as it is. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body: ApiError = { error: message }
  sendJson(res, status, body, headers)
}

/**
 * Sends a file to save, named `fileName` (which must be safe to quote: see
 * shared/export/exportFileName.ts), never cached, never sniffed as another type, gzipped when
 * the request accepts that.
 */
export function sendDownload(
  req: IncomingMessage,
  res: ServerResponse,
  file: {
    readonly fileName: string
    readonly contentType: string
    readonly body: Uint8Array
    readonly gzipped: Uint8Array
    readonly contentSecurityPolicy: string
  },
): void {
  const gzip = new Negotiator(req).encoding(['gzip']) === 'gzip'
  const body = gzip ? file.gzipped : file.body
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': body.byteLength,
    ...(gzip && { 'Content-Encoding': 'gzip' }),
    Vary: 'Accept-Encoding',
    'Content-Disposition': `attachment; filename="${file.fileName}"`,
    'Content-Security-Policy': file.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
  res.end(body)
}
