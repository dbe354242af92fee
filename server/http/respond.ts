import type { ServerResponse } from 'node:http'
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
