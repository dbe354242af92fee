import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  ApiPath,
  checkCreateBoardRequest,
  type AssetUploadResponse,
  type BoardInfo,
  type CreateBoardResponse,
  type ServerInfo,
} from '../../shared/api'
import { boardPath, isBoardId } from '../../shared/protocol'
import { createInitialBoardState } from '../initialBoardState'
import type { Logger } from '../logger'
import type { BoardStorage } from '../storage/BoardStorage'
import type { AssetStore } from './AssetStore'
import { detectImageType } from './imageType'
import { readBody } from './readBody'
import { sendError, sendJson } from './respond'

/** What the HTTP API needs. */
export interface ApiOptions {
  readonly storage: BoardStorage
  readonly assets: AssetStore
  readonly logger: Logger
  /** See {@link ServerInfo.shareOrigin}. */
  readonly shareOrigin: string | null
  /** Origin to use in links when a request has no usable Host header. */
  readonly fallbackOrigin: string
  readonly maxJsonBytes: number
  readonly maxAssetBytes: number
}

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void

interface Route {
  readonly pattern: RegExp
  readonly methods: Partial<Record<'GET' | 'POST', Handler>>
}

const PICTURE_TYPES_MESSAGE = 'Only PNG, JPEG, GIF and WebP pictures can be added to a board.'
const BOARD_NOT_FOUND = 'This board does not exist.'

/**
 * The JSON API (shared/api.ts). Returns a request handler that answers `/healthz` and
 * everything under `/api/`, and returns false for any other path so the caller can serve the
 * web app. Every error is an `ApiError` with one plain sentence.
 */
export function createApiHandler(
  options: ApiOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const { storage, assets } = options

  const routes: Route[] = [
    {
      pattern: route(ApiPath.health),
      methods: { GET: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    },
    {
      pattern: route(ApiPath.serverInfo),
      methods: {
        GET: (_req, res) => {
          const info: ServerInfo = { shareOrigin: options.shareOrigin }
          sendJson(res, 200, info)
        },
      },
    },
    { pattern: route(ApiPath.boards), methods: { POST: createBoard } },
    { pattern: route(ApiPath.board(':id')), methods: { GET: getBoard } },
    { pattern: route(ApiPath.assets(':id')), methods: { POST: uploadAsset } },
    { pattern: route(`${ApiPath.assets(':id')}/:file`), methods: { GET: serveAsset } },
  ]

  async function createBoard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, options.maxJsonBytes)
    if (body.kind === 'too-large') {
      return sendError(res, 413, 'The request is too large.')
    }
    let json: unknown
    try {
      json = JSON.parse(body.body.toString('utf8'))
    } catch {
      return sendError(res, 400, 'The request body is not valid JSON.')
    }
    const checked = checkCreateBoardRequest(json)
    if (!checked.ok) return sendError(res, 400, checked.error)
    // 16 random bytes: 128 bits, so a board's link cannot be guessed.
    const info: BoardInfo = {
      id: randomBytes(16).toString('base64url'),
      title: checked.value.title,
      createdAt: Date.now(),
    }
    const { template, creator } = checked.value
    storage.createBoard(info, createInitialBoardState({ template, creator, now: info.createdAt }))
    options.logger.info('board.created', { boardId: info.id, template })
    const created: CreateBoardResponse = { ...info, url: requestOrigin(req) + boardPath(info.id) }
    sendJson(res, 201, created)
  }

  function getBoard(_req: IncomingMessage, res: ServerResponse, [id]: string[]): void {
    const info = isBoardId(id) ? storage.getBoard(id) : undefined
    if (!info) return sendError(res, 404, BOARD_NOT_FOUND)
    const body: BoardInfo = { id: info.id, title: info.title, createdAt: info.createdAt }
    sendJson(res, 200, body)
  }

  async function uploadAsset(
    req: IncomingMessage,
    res: ServerResponse,
    [id]: string[],
  ): Promise<void> {
    if (!isBoardId(id) || !storage.getBoard(id)) {
      return sendError(res, 404, BOARD_NOT_FOUND)
    }
    const body = await readBody(req, options.maxAssetBytes)
    if (body.kind === 'too-large') {
      return sendError(
        res,
        413,
        `This picture is too big: pictures can be up to ${formatBytes(options.maxAssetBytes)}.`,
      )
    }
    if (body.body.byteLength === 0) return sendError(res, 400, 'The picture was empty.')
    const type = detectImageType(body.body)
    if (!type) return sendError(res, 415, PICTURE_TYPES_MESSAGE)
    const name = await assets.save(id, body.body, type)
    options.logger.info('asset.stored', { boardId: id, name, bytes: body.body.byteLength })
    const stored: AssetUploadResponse = { src: `${ApiPath.assets(id)}/${name}` }
    sendJson(res, 201, stored)
  }

  async function serveAsset(
    _req: IncomingMessage,
    res: ServerResponse,
    [id, name]: string[],
  ): Promise<void> {
    const asset = await assets.find(id ?? '', name ?? '')
    if (!asset) return sendError(res, 404, 'This picture does not exist.')
    res.writeHead(200, {
      'Content-Type': asset.type,
      'Content-Length': asset.size,
      // The type was proven from the bytes at upload; never let a browser guess another.
      'X-Content-Type-Options': 'nosniff',
      // Content-addressed: the bytes behind a name never change.
      'Cache-Control': 'public, max-age=31536000, immutable',
      // Opened directly, a picture may not run or load anything.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'same-origin',
    })
    const stream = asset.open()
    stream.on('error', () => res.destroy())
    stream.pipe(res)
  }

  function requestOrigin(req: IncomingMessage): string {
    const host = req.headers.host
    return host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? `http://${host}` : options.fallbackOrigin
  }

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path !== ApiPath.health && !path.startsWith('/api/')) return false
    for (const { pattern, methods } of routes) {
      const match = pattern.exec(path)
      if (!match) continue
      const method = req.method === 'HEAD' ? 'GET' : req.method
      const handler = methods[method as keyof Route['methods']]
      if (!handler) {
        const allowed = Object.keys(methods)
        if (allowed.includes('GET')) allowed.push('HEAD')
        sendError(res, 405, `This address does not accept ${req.method} requests.`, {
          Allow: allowed.join(', '),
        })
        return true
      }
      await handler(req, res, match.slice(1).map(decodePathPart))
      return true
    }
    sendError(res, 404, 'There is nothing at this address.')
    return true
  }
}

/** Turns `/api/boards/:id` into a pattern whose groups capture the `:params`. */
function route(template: string): RegExp {
  const source = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-z]+/g, '([^/]+)')
  return new RegExp(`^${source}$`)
}

/** Decodes `%xx` escapes; a malformed escape stays as it is and then fails validation. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

function formatBytes(bytes: number): string {
  const mib = 1024 * 1024
  if (bytes >= mib) return `${Math.round((bytes / mib) * 10) / 10} MB`
  return `${Math.ceil(bytes / 1024)} KB`
}
