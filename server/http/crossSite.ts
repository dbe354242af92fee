import type { IncomingMessage } from 'node:http'
import { ALLOWED_IMAGE_TYPES } from '../../shared/limits'
import type { ServedOrigins } from './ServedOrigins'

/** What the body of a request that changes something must be. */
export type BodyKind = 'json' | 'picture' | 'board-file'

/**
 * The Content-Types each kind of body may be sent as. None of them is one a page on another
 * site can send without asking first (a CORS preflight, which this server never answers): a
 * form or a "simple" request can only send `text/plain`, `multipart/form-data` or
 * `application/x-www-form-urlencoded`.
 */
export const BODY_TYPES: Readonly<Record<BodyKind, readonly string[]>> = {
  json: ['application/json'],
  picture: ['application/octet-stream', ...ALLOWED_IMAGE_TYPES],
  'board-file': ['application/octet-stream'],
}

/** Why a request was refused as coming from another site, with its status. */
export interface CrossSiteRefusal {
  readonly status: 403 | 415
  readonly message: string
}

/**
 * Refuses a request that changes something (a board, a person, a picture) when it could have
 * come from a page on another site: its `Origin`, when it has one, is not one this server
 * serves, or its Content-Type is not `kind`'s. Browsers always send `Origin` with such
 * requests from pages; scripts without one are judged by their Content-Type alone.
 */
export function refuseCrossSite(
  req: IncomingMessage,
  kind: BodyKind,
  origins: ServedOrigins,
): CrossSiteRefusal | undefined {
  const origin = req.headers.origin
  if (origin !== undefined && !origins.has(origin)) {
    return {
      status: 403,
      message: 'This request came from another website, so nothing was changed.',
    }
  }
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
  if (!type || !BODY_TYPES[kind].includes(type)) {
    return {
      status: 415,
      message: `This request must be sent as ${BODY_TYPES[kind].join(' or ')}.`,
    }
  }
  return undefined
}
