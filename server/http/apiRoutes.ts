import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  ApiPath,
  checkCreateBoardRequest,
  checkJoinRequest,
  checkLicenceRequest,
  isExportFormat,
  checkProfileUpdate,
  mergeProfileUpdate,
  type AssetUploadResponse,
  type BoardInfo,
  type CreateBoardResponse,
  type JoinRequest,
  type JoinResponse,
  type LedgerResponse,
  type LicenceResponse,
  type ParticipantProfile,
  type ParticipantsResponse,
  type ProfileResponse,
  type ServerInfo,
} from '../../shared/api'
import { creditedParticipant } from '../../shared/credit'
import type { LicenceChoice } from '../../shared/export/licences'
import { colorForParticipant, isParticipantId } from '../../shared/participant'
import { boardPath, isBoardId } from '../../shared/protocol'
import {
  authenticate,
  bearerToken,
  hashToken,
  issueToken,
  newParticipantId,
} from '../identity/participantTokens'
import { exportDownload } from '../export/exportDownload'
import { readBoardForExport } from '../export/readBoardForExport'
import { createInitialBoardState } from '../initialBoardState'
import { draftsForInitialState } from '../ledger/initialDrafts'
import type { Logger } from '../logger'
import type { BoardStorage, StoredParticipant } from '../storage/BoardStorage'
import type { AssetStore } from './AssetStore'
import { detectImageType } from './imageType'
import { readBody } from './readBody'
import { sendDownload, sendError, sendJson } from './respond'

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
  /**
   * Called after a participant joined or changed their profile, so the board's room (if
   * loaded) publishes the change to every client at once.
   */
  readonly onParticipantChanged?: (boardId: string, participant: StoredParticipant) => void
  /** Called after someone chose the board's licence, so its room (if loaded) publishes it. */
  readonly onLicenceChanged?: (boardId: string, choice: LicenceChoice) => void
}

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void

interface Route {
  readonly pattern: RegExp
  readonly methods: Partial<Record<'GET' | 'POST' | 'PATCH' | 'PUT', Handler>>
}

const PICTURE_TYPES_MESSAGE = 'Only PNG, JPEG, GIF and WebP pictures can be added to a board.'
const BOARD_NOT_FOUND = 'This board does not exist.'
const NOT_AUTHENTICATED =
  'This link has expired or is not valid — ask the facilitator for a new one.'

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
    {
      pattern: route(ApiPath.participants(':id')),
      methods: { POST: join, GET: listParticipants },
    },
    {
      pattern: route(ApiPath.participant(':id', ':pid')),
      methods: { GET: getParticipant, PATCH: updateParticipant },
    },
    { pattern: route(ApiPath.ledger(':id')), methods: { GET: readLedger } },
    { pattern: route(ApiPath.licence(':id')), methods: { PUT: chooseLicence } },
    { pattern: route(`${ApiPath.board(':id')}/export/:format`), methods: { GET: exportBoard } },
    { pattern: route(ApiPath.assets(':id')), methods: { POST: uploadAsset } },
    { pattern: route(`${ApiPath.assets(':id')}/:file`), methods: { GET: serveAsset } },
  ]

  /** The JSON body, or undefined after an error response was sent. */
  async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const body = await readBody(req, options.maxJsonBytes)
    if (body.kind === 'too-large') {
      sendError(res, 413, 'The request is too large.')
      return undefined
    }
    try {
      return JSON.parse(body.body.toString('utf8')) as unknown
    } catch {
      sendError(res, 400, 'The request body is not valid JSON.')
      return undefined
    }
  }

  /** A new participant of `boardId` from a checked join request (not yet stored). */
  function newParticipant(
    boardId: string,
    request: JoinRequest,
    addedBy: string | null,
  ): { participant: StoredParticipant; token: string | undefined } {
    const id = newParticipantId()
    const token = request.withoutDevice ? undefined : issueToken(id)
    const participant: StoredParticipant = {
      id,
      boardId,
      name: request.name,
      role: request.role,
      roleOther: request.roleOther ?? null,
      credit: request.credit,
      pseudonym: request.pseudonym ?? null,
      color: colorForParticipant(id),
      withoutDevice: token === undefined,
      addedBy,
      createdAt: Date.now(),
      tokenHash: token === undefined ? null : hashToken(token),
    }
    return { participant, token }
  }

  async function createBoard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = await readJson(req, res)
    if (json === undefined) return
    const checked = checkCreateBoardRequest(json)
    if (!checked.ok) return sendError(res, 400, checked.error)
    // 16 random bytes: 128 bits, so a board's link cannot be guessed.
    const info: BoardInfo = {
      id: randomBytes(16).toString('base64url'),
      title: checked.value.title,
      createdAt: Date.now(),
    }
    // The creator exists before the board's first records are written, so they are credited
    // with them (and with anything the server lays out on a new board).
    const { template } = checked.value
    const creator = checked.value.creator && newParticipant(info.id, checked.value.creator, null)
    const initialState = createInitialBoardState({
      template,
      creatorId: creator?.participant.id,
      now: info.createdAt,
    })
    storage.createBoard(
      info,
      initialState,
      creator
        ? {
            creator: creator.participant,
            ledger: draftsForInitialState(initialState, creator.participant.id, info.createdAt),
          }
        : {},
    )
    options.logger.info('board.created', {
      boardId: info.id,
      template,
      withCreator: Boolean(creator),
    })
    const created: CreateBoardResponse = {
      ...info,
      url: requestOrigin(req) + boardPath(info.id),
      ...(creator && {
        creator: { participant: profileOf(creator.participant), token: creator.token as string },
      }),
    }
    sendJson(res, 201, created)
  }

  /**
   * The participant a request's `Authorization` names on `boardId`, or undefined after an
   * error response was sent.
   */
  function requireParticipant(
    req: IncomingMessage,
    res: ServerResponse,
    boardId: string,
  ): StoredParticipant | undefined {
    const auth = authenticate(storage, boardId, bearerToken(req.headers.authorization))
    if (auth.kind === 'ok') return auth.participant
    sendError(res, auth.kind === 'other-board' ? 403 : 401, NOT_AUTHENTICATED, {
      'WWW-Authenticate': 'Bearer',
    })
    return undefined
  }

  function knownBoard(res: ServerResponse, id: string | undefined): id is string {
    if (isBoardId(id) && storage.getBoard(id)) return true
    sendError(res, 404, BOARD_NOT_FOUND)
    return false
  }

  async function join(req: IncomingMessage, res: ServerResponse, [id]: string[]): Promise<void> {
    if (!knownBoard(res, id)) return
    const json = await readJson(req, res)
    if (json === undefined) return
    const checked = checkJoinRequest(json)
    if (!checked.ok) return sendError(res, 400, checked.error)
    let addedBy: string | null = null
    if (checked.value.withoutDevice) {
      // Adding someone without a device is done by someone already on the board.
      const adder = requireParticipant(req, res, id)
      if (!adder) return
      if (adder.withoutDevice)
        return sendError(res, 403, 'Only people on the board can add someone.')
      addedBy = adder.id
    }
    const { participant, token } = newParticipant(id, checked.value, addedBy)
    storage.addParticipant(participant)
    options.logger.info('participant.joined', {
      boardId: id,
      participantId: participant.id,
      withoutDevice: participant.withoutDevice,
    })
    options.onParticipantChanged?.(id, participant)
    const body: JoinResponse = { participant: profileOf(participant), ...(token && { token }) }
    sendJson(res, 201, body)
  }

  function listParticipants(req: IncomingMessage, res: ServerResponse, [id]: string[]): void {
    if (!knownBoard(res, id)) return
    if (!requireParticipant(req, res, id)) return
    const body: ParticipantsResponse = {
      participants: storage.listParticipants(id).map(creditedParticipant),
    }
    sendJson(res, 200, body)
  }

  /**
   * The participant `pid` when the requester may see and change their private profile: they
   * are that participant, or added that person (who has no device). Otherwise an error was sent.
   */
  function ownedProfile(
    req: IncomingMessage,
    res: ServerResponse,
    boardId: string | undefined,
    pid: string | undefined,
  ): StoredParticipant | undefined {
    if (!knownBoard(res, boardId)) return undefined
    const requester = requireParticipant(req, res, boardId)
    if (!requester) return undefined
    const target = isParticipantId(pid) ? storage.getParticipant(pid) : undefined
    if (!target || target.boardId !== boardId) {
      sendError(res, 404, 'This person is not on this board.')
      return undefined
    }
    const allowed =
      target.id === requester.id || (target.withoutDevice && target.addedBy === requester.id)
    if (!allowed) {
      sendError(res, 403, 'Only this person can change how they are named.')
      return undefined
    }
    return target
  }

  function getParticipant(req: IncomingMessage, res: ServerResponse, [id, pid]: string[]): void {
    const target = ownedProfile(req, res, id, pid)
    if (!target) return
    const body: ProfileResponse = { participant: profileOf(target) }
    sendJson(res, 200, body)
  }

  async function updateParticipant(
    req: IncomingMessage,
    res: ServerResponse,
    [id, pid]: string[],
  ): Promise<void> {
    const target = ownedProfile(req, res, id, pid)
    if (!target || !id) return
    const json = await readJson(req, res)
    if (json === undefined) return
    const update = checkProfileUpdate(json)
    if (!update.ok) return sendError(res, 400, update.error)
    const merged = mergeProfileUpdate(profileOf(target), update.value)
    if (!merged.ok) return sendError(res, 400, merged.error)
    storage.updateParticipant(merged.value)
    options.logger.info('participant.updated', { boardId: id, participantId: target.id })
    options.onParticipantChanged?.(id, { ...merged.value, tokenHash: target.tokenHash })
    const body: ProfileResponse = { participant: merged.value }
    sendJson(res, 200, body)
  }

  function readLedger(req: IncomingMessage, res: ServerResponse, [id]: string[]): void {
    if (!knownBoard(res, id)) return
    if (!requireParticipant(req, res, id)) return
    const recordId = new URL(req.url ?? '/', 'http://x').searchParams.get('recordId')
    const body: LedgerResponse = {
      entries: storage.readLedger(id, recordId ? { recordId } : {}),
    }
    sendJson(res, 200, body)
  }

  async function chooseLicence(
    req: IncomingMessage,
    res: ServerResponse,
    [id]: string[],
  ): Promise<void> {
    if (!knownBoard(res, id)) return
    const chooser = requireParticipant(req, res, id)
    if (!chooser) return
    const json = await readJson(req, res)
    if (json === undefined) return
    const checked = checkLicenceRequest(json)
    if (!checked.ok) return sendError(res, 400, checked.error)
    const choice = { id: checked.value.licence, setBy: chooser.id, setAt: Date.now() }
    storage.setLicence(id, choice)
    options.logger.info('licence.chosen', { boardId: id, licence: choice.id, by: chooser.id })
    options.onLicenceChanged?.(id, choice)
    const body: LicenceResponse = { licence: choice }
    sendJson(res, 200, body)
  }

  /**
   * A board as a file to download. Link-only, like reading the board's title: anyone with the
   * link can already open the board, and people and scripts may want its data without a browser.
   */
  function exportBoard(_req: IncomingMessage, res: ServerResponse, [id, format]: string[]): void {
    if (!isExportFormat(format)) return sendError(res, 404, 'There is nothing at this address.')
    const board = isBoardId(id) ? readBoardForExport(storage, id, Date.now()) : undefined
    if (!board) return sendError(res, 404, BOARD_NOT_FOUND)
    sendDownload(
      res,
      exportDownload(board, format, () => storage.readLedger(board.info.id)),
    )
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

/** A stored participant without the token hash: what its owner may read. */
function profileOf(participant: StoredParticipant): ParticipantProfile {
  return {
    id: participant.id,
    boardId: participant.boardId,
    name: participant.name,
    role: participant.role,
    roleOther: participant.roleOther,
    credit: participant.credit,
    pseudonym: participant.pseudonym,
    color: participant.color,
    withoutDevice: participant.withoutDevice,
    addedBy: participant.addedBy,
    createdAt: participant.createdAt,
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
