import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  ApiPath,
  IMPORT_REQUEST_HEADER,
  checkCreateBoardRequest,
  checkImportBoardRequest,
  checkJoinRequest,
  checkLicenceRequest,
  checkStageRequest,
  checkLockRequest,
  checkTimerRequest,
  checkSummonRequest,
  checkCastRequest,
  checkVoteRequest,
  checkJoiningRequest,
  checkHideRequest,
  isShapeId,
  JOINING_CLOSED_MESSAGE,
  type Checked,
  type HiddenResponse,
  isExportFormat,
  checkProfileUpdate,
  mergeProfileUpdate,
  type AssetUploadResponse,
  type BoardInfo,
  type CreateBoardResponse,
  type FacilitatorsResponse,
  type JoinRequest,
  type JoinResponse,
  type LedgerResponse,
  type LicenceResponse,
  type ParticipantProfile,
  type ParticipantsResponse,
  type ProfileResponse,
  type ServerInfo,
  type SessionResponse,
} from '../../shared/api'
import { REMOVED_FROM_BOARD } from '../../shared/closeCodes'
import { creditedParticipant } from '../../shared/credit'
import {
  CREATOR_CAPABILITIES,
  PARTICIPANT_CAPABILITIES,
  type Capability,
} from '../../shared/capabilities'
import { colorForParticipant, isParticipantId } from '../../shared/participant'
import {
  TIMER_RECORD_ID,
  VIEW_RECORD_ID,
  VOTE_RECORD_ID,
  LAYOUT_RECORD_ID,
  ROUND_RECORD_ID,
  JOINING_RECORD_ID,
  areaRecordId,
  personRecordId,
  processDraft,
  watchLinkRecordId,
  type ProcessStep,
} from '../../shared/processSteps'
import {
  checkPrivateCardRequest,
  checkRoundRequest,
  type PrivateCardsResponse,
} from '../../shared/privateRound'
import type { SessionState } from '../../shared/sessionState'
import { castRefusal, publishVote, type DotVote } from '../../shared/dotVote'
import { assertNever } from '../../shared/assertNever'
import { boardPath, isBoardId } from '../../shared/protocol'
import {
  checkWatchLinkRequest,
  isWatchLinkId,
  watchPath,
  type WatchLink,
  type WatchLinkCreated,
  type WatchLinksResponse,
} from '../../shared/watchLinks'
import { isLayoutShapeId } from '../../shared/sessionAreas'
import type { ExportDownload } from '../export/exportDownload'
import { PngChunkWatch } from '../import/PngChunkWatch'
import { SharedUntilStarted } from '../work/SharedUntilStarted'
import {
  authenticate,
  bearerToken,
  hashToken,
  issueToken,
  newParticipantId,
} from '../identity/participantTokens'
import {
  authenticateWatch,
  isWatchToken,
  issueWatchToken,
  newWatchLinkId,
} from '../identity/watchTokens'
import { readExportInput } from '../export/readBoardForExport'
import type { ImportOutcome } from '../import/importBoardFile'
import { draftsForInitialState } from '../ledger/initialDrafts'
import { rateLimitLogger, type Logger } from '../logger'
import type { BoardEvent } from '../room/BoardEvent'
import type {
  BoardRepository,
  PrivateCardChange,
  StoredHiddenCard,
  StoredParticipant,
  StoredWatchLink,
} from '../storage/BoardRepository'
import type { Storage } from '../storage/Storage'
import type { AssetStore } from '../storage/AssetStore'
import type { WorkPool, Reservation } from '../work/WorkPool'
import type { WorkResult, WorkTask } from '../work/workTasks'
import type { AddressLimitName, AddressLimits } from './AddressLimits'
import { refuseCrossSite, type BodyKind } from './crossSite'
import { detectImageType } from './imageType'
import { readBody } from './readBody'
import { sendDownload, sendError, sendJson } from './respond'
import type { ServedOrigins } from './ServedOrigins'

/** What the HTTP API needs. */
export interface ApiOptions {
  /** Where boards live (exports read the documents' log too). */
  readonly storage: Storage
  readonly repository: BoardRepository
  readonly assets: AssetStore
  readonly logger: Logger
  /** See {@link ServerInfo.shareOrigin}. */
  readonly shareOrigin: string | null
  /** Origin to use in links when a request has no usable Host header. */
  readonly fallbackOrigin: string
  readonly maxJsonBytes: number
  readonly maxAssetBytes: number
  /** Largest board file `POST /api/boards/import` accepts. */
  readonly maxImportBytes: number
  /** Worker threads for imports and exports, with their queue limit. */
  readonly work: WorkPool<WorkTask, WorkResult>
  /** Per-address limits on making boards, joining, uploads, imports and exports. */
  readonly addressLimits: AddressLimits
  /** Origins this server's pages come from: a request that changes something from another is refused. */
  readonly origins: ServedOrigins
  /** The address a request comes from (the proxy's client's, behind a trusted proxy). */
  readonly clientAddress: (req: IncomingMessage) => string
  /**
   * Called after a change to a board was stored (someone joined, changed how they are credited,
   * chose the licence), so the board's room, if loaded, publishes it to every client at once.
   */
  readonly notify?: (boardId: string, event: BoardEvent) => void
}

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void

/** What a route does for one method, and what a request must be before it gets there. */
interface Endpoint {
  readonly handle: Handler
  /** For a request that changes something: what its body must be (crossSite.ts). */
  readonly body?: BodyKind
  /** The per-address limit it counts against. */
  readonly perAddress?: AddressLimitName
}

interface Route {
  readonly pattern: RegExp
  readonly methods: Partial<Record<'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', Handler | Endpoint>>
}

const PICTURE_TYPES_MESSAGE = 'Only PNG, JPEG, GIF and WebP pictures can be added to a board.'
const BUSY = 'The server is busy making other files. Please try again in a few seconds.'
const TOO_COSTLY_FILE =
  'This file could not be opened: reading it took too long or needed too much memory, so nothing was imported.'
const TOO_MANY =
  'Too many requests came from your network at once. Please wait a minute and try again.'
const BOARD_NOT_FOUND = 'This board does not exist.'
const NOT_AUTHENTICATED =
  'This link has expired or is not valid — ask the facilitator for a new one.'
const NOT_ON_BOARD = 'This person is not on this board.'
const FACILITATORS_ONLY =
  'Only a facilitator can do this. If you are running the session, ask a facilitator to make you one.'

/**
 * The JSON API (shared/api.ts). Returns a request handler that answers `/healthz` and
 * everything under `/api/`, and returns false for any other path so the caller can serve the
 * web app. Every error is an `ApiError` with one plain sentence.
 */
export function createApiHandler(
  options: ApiOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const { repository, assets } = options
  // Anyone can send these as fast as they like: a flood must not fill the disk.
  const refusals = rateLimitLogger(options.logger)
  const waitingExports = new SharedUntilStarted<ExportDownload>()

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
    {
      pattern: route(ApiPath.boards),
      methods: { POST: { handle: createBoard, body: 'json', perAddress: 'boards' } },
    },
    // Before the board route, whose pattern would also match it (as a board id it is invalid).
    {
      pattern: route(ApiPath.importBoard),
      methods: { POST: { handle: importBoard, body: 'board-file', perAddress: 'imports' } },
    },
    { pattern: route(ApiPath.board(':id')), methods: { GET: getBoard } },
    {
      pattern: route(ApiPath.participants(':id')),
      methods: {
        POST: { handle: join, body: 'json', perAddress: 'joins' },
        GET: listParticipants,
      },
    },
    {
      pattern: route(ApiPath.participant(':id', ':pid')),
      methods: {
        GET: getParticipant,
        PATCH: { handle: updateParticipant, body: 'json' },
        DELETE: removeParticipant,
      },
    },
    {
      pattern: route(ApiPath.facilitator(':id', ':pid')),
      methods: {
        // No body: no page on another site can send a PUT or DELETE without asking first (a
        // CORS preflight, which this server never answers).
        PUT: (req, res, params) => setFacilitating(req, res, params, true),
        DELETE: (req, res, params) => setFacilitating(req, res, params, false),
      },
    },
    { pattern: route(ApiPath.session(':id')), methods: { GET: readSession } },
    {
      pattern: route(ApiPath.sessionStage(':id')),
      methods: { PUT: { handle: moveStage, body: 'json' } },
    },
    {
      pattern: route(ApiPath.sessionTimer(':id')),
      methods: { PUT: { handle: setTimer, body: 'json' } },
    },
    {
      pattern: route(ApiPath.sessionSummon(':id')),
      methods: { POST: { handle: bringEveryone, body: 'json' } },
    },
    {
      pattern: route(ApiPath.sessionLock(':id')),
      methods: { PUT: { handle: lockLayout, body: 'json' } },
    },
    {
      pattern: route(ApiPath.sessionJoining(':id')),
      methods: { PUT: { handle: openOrCloseJoining, body: 'json' } },
    },
    {
      pattern: route(ApiPath.hidden(':id')),
      methods: { POST: { handle: hideCard, body: 'json' } },
    },
    { pattern: route(ApiPath.hiddenCard(':id', ':shape')), methods: { DELETE: restoreCard } },
    {
      pattern: route(ApiPath.hiddenCardRemoval(':id', ':shape')),
      methods: { DELETE: removeCardAfterReview },
    },
    {
      pattern: route(ApiPath.sessionVote(':id')),
      methods: { POST: { handle: openOrCloseVote, body: 'json' } },
    },
    {
      pattern: route(ApiPath.sessionRound(':id')),
      methods: { POST: { handle: startOrRevealRound, body: 'json' } },
    },
    { pattern: route(ApiPath.privateCards(':id')), methods: { GET: readPrivateCards } },
    {
      pattern: route(ApiPath.privateCard(':id', ':shape')),
      methods: {
        PUT: { handle: writePrivateCard, body: 'json', perAddress: 'uploads' },
        DELETE: takeBackPrivateCard,
      },
    },
    {
      pattern: route(ApiPath.votes(':id', ':shape')),
      methods: { PUT: { handle: castDots, body: 'json' } },
    },
    {
      pattern: route(ApiPath.watchLinks(':id')),
      methods: { POST: { handle: makeWatchLink, body: 'json' }, GET: listWatchLinks },
    },
    // No body, like taking facilitating back: no other site can send a DELETE unasked.
    { pattern: route(ApiPath.watchLink(':id', ':link')), methods: { DELETE: revokeWatchLink } },
    { pattern: route(ApiPath.ledger(':id')), methods: { GET: readLedger } },
    {
      pattern: route(ApiPath.licence(':id')),
      methods: { PUT: { handle: chooseLicence, body: 'json' } },
    },
    {
      pattern: route(`${ApiPath.board(':id')}/export/:format`),
      methods: { GET: { handle: exportBoard, perAddress: 'exports' } },
    },
    {
      pattern: route(ApiPath.assets(':id')),
      methods: { POST: { handle: uploadAsset, body: 'picture', perAddress: 'uploads' } },
    },
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
    capabilities: readonly Capability[] = PARTICIPANT_CAPABILITIES,
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
      capabilities,
    }
    return { participant, token }
  }

  async function createBoard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = await readJson(req, res)
    if (json === undefined) return
    const checked = checkCreateBoardRequest(json)
    if (!checked.ok) return sendError(res, 400, checked.error)
    const info: BoardInfo = { id: newBoardId(), title: checked.value.title, createdAt: Date.now() }
    // The creator exists before the board's first records are written, so they are credited
    // with them (and with anything the server lays out on a new board).
    const { template } = checked.value
    // Making, importing and exporting boards is done with tldraw's schema packages, which a
    // server loads only once it needs them: one with no board open does without them.
    const [{ commonmapSchema }, { createInitialBoardState }] = await Promise.all([
      import('../../shared/schema'),
      import('../initialBoardState'),
    ])
    // Whoever starts a board can facilitate it.
    const creator =
      checked.value.creator &&
      newParticipant(info.id, checked.value.creator, null, CREATOR_CAPABILITIES)
    const initialState = createInitialBoardState({
      template,
      creatorId: creator?.participant.id,
      now: info.createdAt,
    })
    await repository.createBoard({
      info,
      initialState,
      schema: commonmapSchema.serialize(),
      ...(creator && {
        creator: creator.participant,
        ledger: draftsForInitialState(initialState, creator.participant.id, info.createdAt),
      }),
    })
    options.logger.info('board.created', {
      boardId: info.id,
      template,
      withCreator: Boolean(creator),
    })
    sendBoardCreated(req, res, info, creator)
  }

  function sendBoardCreated(
    req: IncomingMessage,
    res: ServerResponse,
    info: BoardInfo,
    creator: { participant: StoredParticipant; token: string | undefined } | undefined,
  ): void {
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
   * A new board from a board file (shared/api.ts `ImportBoardRequest`). Everything is checked
   * here, whatever the page checked: the file is read and validated all or nothing, its pictures
   * stored, and then the board, its creator (the importer), the ledger crediting them with every
   * record and where each shape came from are stored in one transaction. If that fails, the
   * pictures are removed again, so a failed import leaves nothing behind.
   */
  async function importBoard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const header = req.headers[IMPORT_REQUEST_HEADER.toLowerCase()]
    const request = checkImportBoardRequest(Array.isArray(header) ? header[0] : header)
    if (!request.ok) return sendError(res, 400, request.error)
    // A place in the pool before the body is read: a busy server reads none of it.
    const place = reserveWork(res)
    if (!place) return
    const png = new PngChunkWatch()
    const body = await readBody(req, options.maxImportBytes, (piece) => png.feed(piece))
    if (body.kind === 'too-large') {
      place.release()
      return sendError(
        res,
        413,
        `This file is too big: board files can be up to ${formatBytes(options.maxImportBytes)}.`,
      )
    }
    if (body.kind === 'refused') {
      place.release()
      return sendError(res, 422, body.reason)
    }
    const now = Date.now()
    const boardId = newBoardId()
    const creator = newParticipant(boardId, request.value.creator, null, CREATOR_CAPABILITIES)
    let read: ImportOutcome
    try {
      read = (await place.run(() => ({
        kind: 'import',
        input: {
          bytes: body.body,
          boardId,
          creatorId: creator.participant.id,
          fallbackTitle: request.value.title,
          now,
          maxPictureBytes: options.maxAssetBytes,
        },
      }))) as ImportOutcome
    } catch (error) {
      if (!isWorkLimit(error)) throw error
      options.logger.warn('import.too-costly', { error })
      return sendError(res, 422, TOO_COSTLY_FILE)
    }
    if (!read.ok) return sendError(res, 422, read.error)
    const { commonmapSchema } = await import('../../shared/schema')
    const info: BoardInfo = { id: boardId, title: read.title, createdAt: now }
    try {
      for (const picture of read.pictures) await assets.save(boardId, picture.bytes, picture.type)
      await repository.createBoard({
        info,
        initialState: read.state,
        schema: commonmapSchema.serialize(),
        creator: creator.participant,
        ledger: read.ledger,
        imported: read.imported,
      })
    } catch (error) {
      await assets.removeBoard(boardId)
      throw error
    }
    options.logger.info('board.imported', {
      boardId,
      kind: read.kind,
      records: read.records,
      pictures: read.pictures.length,
      withCredits: read.withCredits,
    })
    sendBoardCreated(req, res, info, creator)
  }

  /** A place in the work pool, or undefined after answering 503 with when to try again. */
  function reserveWork(res: ServerResponse): Reservation<WorkTask, WorkResult> | undefined {
    const place = options.work.reserve()
    if (!place) {
      sendError(res, 503, BUSY, {
        'Retry-After': String(options.work.retryAfterSeconds),
        Connection: 'close',
      })
    }
    return place
  }

  /**
   * The participant a request's `Authorization` names on `boardId`, or undefined after an
   * error response was sent.
   */
  async function requireParticipant(
    req: IncomingMessage,
    res: ServerResponse,
    boardId: string,
  ): Promise<StoredParticipant | undefined> {
    const auth = await authenticate(repository, boardId, bearerToken(req.headers.authorization))
    if (auth.kind === 'ok') return auth.participant
    if (auth.kind === 'removed') sendError(res, 403, REMOVED_FROM_BOARD)
    else {
      sendError(res, auth.kind === 'other-board' ? 403 : 401, NOT_AUTHENTICATED, {
        'WWW-Authenticate': 'Bearer',
      })
    }
    return undefined
  }

  /**
   * A check that the participant a request's token names may do `capability` on a board: the
   * participant, or undefined after an error response was sent (403 with `refusal` for anyone
   * else on the board).
   */
  function requireCapability(capability: Capability, refusal: string) {
    return async (
      req: IncomingMessage,
      res: ServerResponse,
      boardId: string,
    ): Promise<StoredParticipant | undefined> => {
      const participant = await requireParticipant(req, res, boardId)
      if (!participant) return undefined
      if (participant.capabilities.includes(capability)) return participant
      sendError(res, 403, refusal)
      return undefined
    }
  }

  /** Someone who may run the session on the board. */
  const requireFacilitator = requireCapability('facilitate', FACILITATORS_ONLY)
  /** Someone who may change the board (403 for a person who may only watch). */
  const requireEditor = requireCapability('edit', 'You can watch this board but not add to it.')

  /** The board id when such a board exists, or undefined after a 404 was sent. */
  async function knownBoard(res: ServerResponse, id: string | undefined) {
    if (isBoardId(id) && (await repository.getBoard(id))) return id
    sendError(res, 404, BOARD_NOT_FOUND)
    return undefined
  }

  async function join(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    const id = await knownBoard(res, given)
    if (!id) return
    const json = await readJson(req, res)
    if (json === undefined) return
    const checked = checkJoinRequest(json)
    if (!checked.ok) return sendError(res, 400, checked.error)
    // Someone already on the board may still add a person without a device beside them.
    if (!checked.value.withoutDevice && (await repository.getSession(id)).joiningClosed) {
      return sendError(res, 403, JOINING_CLOSED_MESSAGE)
    }
    let addedBy: string | null = null
    if (checked.value.withoutDevice) {
      // Adding someone without a device is done by someone already on the board.
      const adder = await requireParticipant(req, res, id)
      if (!adder) return
      if (adder.withoutDevice)
        return sendError(res, 403, 'Only people on the board can add someone.')
      addedBy = adder.id
    }
    const { participant, token } = newParticipant(id, checked.value, addedBy)
    await repository.addParticipant(participant)
    options.logger.info('participant.joined', {
      boardId: id,
      participantId: participant.id,
      withoutDevice: participant.withoutDevice,
    })
    options.notify?.(id, { type: 'participant-changed', participantId: participant.id })
    const body: JoinResponse = { participant: profileOf(participant), ...(token && { token }) }
    sendJson(res, 201, body)
  }

  async function listParticipants(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    const id = await knownBoard(res, given)
    if (!id || !(await requireParticipant(req, res, id))) return
    const body: ParticipantsResponse = {
      participants: (await repository.listParticipants(id)).map(creditedParticipant),
    }
    sendJson(res, 200, body)
  }

  /**
   * The participant `pid` when the requester may see and change their private profile: they
   * are that participant, or added that person (who has no device). Otherwise an error was sent.
   */
  async function ownedProfile(
    req: IncomingMessage,
    res: ServerResponse,
    given: string | undefined,
    pid: string | undefined,
  ): Promise<StoredParticipant | undefined> {
    const boardId = await knownBoard(res, given)
    if (!boardId) return undefined
    const requester = await requireParticipant(req, res, boardId)
    if (!requester) return undefined
    const target = isParticipantId(pid) ? await repository.getParticipant(pid) : undefined
    if (!target || target.boardId !== boardId) {
      sendError(res, 404, NOT_ON_BOARD)
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

  async function getParticipant(req: IncomingMessage, res: ServerResponse, [id, pid]: string[]) {
    const target = await ownedProfile(req, res, id, pid)
    if (!target) return
    const body: ProfileResponse = { participant: profileOf(target) }
    sendJson(res, 200, body)
  }

  async function updateParticipant(
    req: IncomingMessage,
    res: ServerResponse,
    [id, pid]: string[],
  ): Promise<void> {
    const target = await ownedProfile(req, res, id, pid)
    if (!target) return
    const json = await readJson(req, res)
    if (json === undefined) return
    const update = checkProfileUpdate(json)
    if (!update.ok) return sendError(res, 400, update.error)
    const merged = mergeProfileUpdate(profileOf(target), update.value)
    if (!merged.ok) return sendError(res, 400, merged.error)
    await repository.updateParticipant(merged.value)
    options.logger.info('participant.updated', {
      boardId: target.boardId,
      participantId: target.id,
    })
    options.notify?.(target.boardId, { type: 'participant-changed', participantId: target.id })
    const body: ProfileResponse = { participant: merged.value }
    sendJson(res, 200, body)
  }

  /**
   * A facilitator lets someone run the session, or takes that back. The step goes in the ledger
   * as a process entry (who did it, to whom), which credits nobody with anything.
   */
  /**
   * A facilitator of board `given` acting on person `pid` of the same board, or undefined after
   * an error response was sent (404 for an unknown board or a person not on it).
   */
  async function facilitatorActingOn(
    req: IncomingMessage,
    res: ServerResponse,
    given: string | undefined,
    pid: string | undefined,
  ): Promise<
    { boardId: string; facilitator: StoredParticipant; target: StoredParticipant } | undefined
  > {
    const boardId = await knownBoard(res, given)
    if (!boardId) return undefined
    const facilitator = await requireFacilitator(req, res, boardId)
    if (!facilitator) return undefined
    const target = isParticipantId(pid) ? await repository.getParticipant(pid) : undefined
    if (target && target.boardId === boardId) return { boardId, facilitator, target }
    sendError(res, 404, NOT_ON_BOARD)
    return undefined
  }

  async function setFacilitating(
    req: IncomingMessage,
    res: ServerResponse,
    [given, pid]: string[],
    facilitates: boolean,
  ): Promise<void> {
    const acting = await facilitatorActingOn(req, res, given, pid)
    if (!acting) return
    const { boardId, facilitator, target } = acting
    if (facilitates && !target.capabilities.includes('view')) {
      return sendError(res, 409, 'This person was removed from the board, so they cannot run it.')
    }
    if (facilitates && target.withoutDevice) {
      return sendError(
        res,
        409,
        'This person has no device of their own, so they cannot run the session from it. Make the person beside them a facilitator instead.',
      )
    }
    const step = processDraft(
      facilitates ? 'facilitate-given' : 'facilitate-taken',
      facilitator.id,
      personRecordId(target.id),
      Date.now(),
    )
    const change = await repository.setFacilitating(target.id, facilitates, step)
    if (change === 'last-facilitator') {
      return sendError(
        res,
        409,
        'A board always needs someone to run the session. Make someone else a facilitator first, then stop this.',
      )
    }
    if (change === 'changed') {
      options.logger.info('facilitator.changed', {
        boardId,
        participantId: target.id,
        facilitates,
        by: facilitator.id,
      })
      options.notify?.(boardId, { type: 'participant-changed', participantId: target.id })
    }
    const body: FacilitatorsResponse = {
      facilitators: (await repository.listParticipants(boardId))
        .filter((p) => p.capabilities.includes('facilitate'))
        .map((p) => p.id),
    }
    sendJson(res, 200, body)
  }

  /**
   * A facilitator removes a person from the board: their token stops opening it and their open
   * connections close (the room re-reads them and finds they may do nothing). Their profile
   * stays, so what they added stays credited as they chose.
   */
  async function removeParticipant(
    req: IncomingMessage,
    res: ServerResponse,
    [given, pid]: string[],
  ): Promise<void> {
    const acting = await facilitatorActingOn(req, res, given, pid)
    if (!acting) return
    const { boardId, facilitator, target } = acting
    // The one asking is a facilitator who stays, so the board never loses its last one.
    if (target.id === facilitator.id) {
      return sendError(
        res,
        409,
        'You cannot remove yourself from the board. Another facilitator can, or you can close this page.',
      )
    }
    const step = processDraft(
      'participant-removed',
      facilitator.id,
      personRecordId(target.id),
      Date.now(),
    )
    if (await repository.removeParticipant(target.id, step)) {
      options.logger.info('participant.removed', {
        boardId,
        participantId: target.id,
        by: facilitator.id,
      })
      options.notify?.(boardId, { type: 'participant-changed', participantId: target.id })
    }
    const body: ParticipantsResponse = {
      participants: (await repository.listParticipants(boardId)).map(creditedParticipant),
    }
    sendJson(res, 200, body)
  }

  /**
   * Anyone who may edit the board takes a card down for review: a process entry, never credit.
   * Hiding a card already hidden changes nothing; a card removed after review stays removed.
   */
  async function hideCard(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    const checked = await checkedRequest(req, res, given, requireEditor, checkHideRequest)
    if (!checked) return
    const { boardId, participant, value } = checked
    // Hiding an area would hide every card in it from everyone: the layout is not a card.
    if (isLayoutShapeId(value.shape)) {
      return sendError(
        res,
        409,
        'The session’s areas and their questions cannot be hidden. Hide the card itself instead.',
      )
    }
    const at = Date.now()
    const hidden = await repository.changeHiddenCard(
      boardId,
      value.shape,
      (card) =>
        card
          ? undefined
          : {
              shapeId: value.shape,
              at,
              by: participant.id,
              reason: value.reason,
              removedAt: null,
              removedBy: null,
            },
      processDraft('card-hidden', participant.id, value.shape, at),
    )
    if (hidden) {
      options.logger.info('card.hidden', { boardId, shapeId: value.shape })
      options.notify?.(boardId, { type: 'hidden-changed' })
    }
    await sendHidden(res, boardId)
  }

  /** A facilitator puts a card hidden for review back for everyone. */
  function restoreCard(req: IncomingMessage, res: ServerResponse, params: string[]) {
    return reviewCard(req, res, params, 'card-restored', () => null)
  }

  /** A facilitator removes a card hidden for review from the board for good. */
  function removeCardAfterReview(req: IncomingMessage, res: ServerResponse, params: string[]) {
    return reviewCard(req, res, params, 'card-removed', (card, by, at) => ({
      ...card,
      removedAt: at,
      removedBy: by,
    }))
  }

  /** A facilitator's decision on a card hidden for review (404 for any card that is not). */
  async function reviewCard(
    req: IncomingMessage,
    res: ServerResponse,
    [given, shapeId]: string[],
    step: 'card-restored' | 'card-removed',
    decide: (card: StoredHiddenCard, by: string, at: number) => StoredHiddenCard | null,
  ): Promise<void> {
    const boardId = await knownBoard(res, given)
    if (!boardId) return
    const facilitator = await requireFacilitator(req, res, boardId)
    if (!facilitator) return
    const at = Date.now()
    const changed =
      isShapeId(shapeId) &&
      (await repository.changeHiddenCard(
        boardId,
        shapeId,
        (card) => (card && card.removedAt === null ? decide(card, facilitator.id, at) : undefined),
        processDraft(step, facilitator.id, shapeId, at),
      ))
    if (!changed) return sendError(res, 404, 'This card is not hidden for review.')
    options.logger.info('card.reviewed', { boardId, shapeId, step, by: facilitator.id })
    options.notify?.(boardId, { type: 'hidden-changed' })
    await sendHidden(res, boardId)
  }

  async function sendHidden(res: ServerResponse, boardId: string): Promise<void> {
    const body: HiddenResponse = {
      hidden: (await repository.readHiddenCards(boardId))
        .filter((card) => card.removedAt === null)
        .map((card) => card.shapeId),
    }
    sendJson(res, 200, body)
  }

  /**
   * A request to change something on a board: the board, who asks (`who` may refuse them) and
   * the body `check` accepted; undefined after an error response was sent.
   */
  async function checkedRequest<T>(
    req: IncomingMessage,
    res: ServerResponse,
    given: string | undefined,
    who: typeof requireParticipant,
    check: (body: unknown) => Checked<T>,
  ): Promise<{ boardId: string; participant: StoredParticipant; value: T } | undefined> {
    const boardId = await knownBoard(res, given)
    if (!boardId) return undefined
    const participant = await who(req, res, boardId)
    if (!participant) return undefined
    const json = await readJson(req, res)
    if (json === undefined) return undefined
    const checked = check(json)
    if (!checked.ok) {
      sendError(res, 400, checked.error)
      return undefined
    }
    return { boardId, participant, value: checked.value }
  }

  /**
   * The session, for anyone on the board or watching it: a projector's display counts its timer
   * down by the server's clock (`now`) like everyone else.
   */
  async function readSession(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    const id = await knownBoard(res, given)
    if (!id) return
    const token = bearerToken(req.headers.authorization)
    if (isWatchToken(token) && (await authenticateWatch(repository, id, token)).kind === 'ok') {
      return sendJson(res, 200, await sessionResponse(id, null, Date.now()))
    }
    const participant = await requireParticipant(req, res, id)
    if (!participant) return
    sendJson(res, 200, await sessionResponse(id, participant.id, Date.now()))
  }

  /**
   * The session as `participantId` may read it: what everyone is sent, and their own dots in
   * the latest vote (nobody else's; none for a watch link, null).
   */
  async function sessionResponse(
    boardId: string,
    participantId: string | null,
    now: number,
    session?: SessionState,
  ): Promise<SessionResponse> {
    const stored = await repository.readVote(boardId)
    const people = stored ? await repository.listParticipants(boardId) : []
    return {
      session: session ?? (await repository.getSession(boardId)),
      vote: stored ? publishVote(stored.vote, stored.cast, people) : null,
      myDots: Object.fromEntries(
        (stored?.cast ?? [])
          .filter((cast) => cast.participantId === participantId)
          .map((cast) => [cast.shapeId, cast.dots]),
      ),
      now,
    }
  }

  /**
   * A facilitator's change to the session (`change`, from the request `check` accepted), stored
   * with its process entry and published to everyone; answers with the session as it now is.
   */
  async function changeSession<T>(
    req: IncomingMessage,
    res: ServerResponse,
    given: string | undefined,
    check: (body: unknown) => Checked<T>,
    change: (
      request: T,
      by: string,
      now: number,
    ) => {
      step: ProcessStep
      recordId: string
      apply: (session: SessionState) => SessionState
    },
  ): Promise<void> {
    const request = await checkedRequest(req, res, given, requireFacilitator, check)
    if (!request) return
    const { boardId, participant: facilitator } = request
    const now = Date.now()
    const { step, recordId, apply } = change(request.value, facilitator.id, now)
    const session = await repository.changeSession(
      boardId,
      apply,
      processDraft(step, facilitator.id, recordId, now),
    )
    options.logger.info('session.changed', { boardId, step, by: facilitator.id })
    options.notify?.(boardId, { type: 'session-changed' })
    sendJson(res, 200, await sessionResponse(boardId, facilitator.id, now, session))
  }

  /** Moves the group to an area: the stage changes, and a timer set for the last one stops. */
  function moveStage(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    return changeSession(req, res, given, checkStageRequest, ({ area }, by, at) => ({
      step: 'stage-moved',
      recordId: areaRecordId(area),
      apply: (session) => ({ ...session, stage: { area, at, by }, timer: null }),
    }))
  }

  /** Starts the stage's timer (in server time), or stops it with 0 seconds. */
  function setTimer(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    return changeSession(req, res, given, checkTimerRequest, ({ seconds }, by, now) => ({
      step: seconds === 0 ? 'timer-stopped' : 'timer-started',
      recordId: TIMER_RECORD_ID,
      apply: (session) => ({
        ...session,
        timer: seconds === 0 ? null : { seconds, startedAt: now, endsAt: now + seconds * 1000, by },
      }),
    }))
  }

  /** Locks the session's areas and prompts against changes by anyone who does not facilitate. */
  function lockLayout(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    return changeSession(req, res, given, checkLockRequest, ({ locked }, by, at) => ({
      step: locked ? 'layout-locked' : 'layout-unlocked',
      recordId: LAYOUT_RECORD_ID,
      apply: (session) => ({ ...session, lock: locked ? { at, by } : null }),
    }))
  }

  /** Closes the board to new people, or opens it again; everyone on it keeps working. */
  function openOrCloseJoining(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    return changeSession(req, res, given, checkJoiningRequest, ({ open }, by, at) => ({
      step: open ? 'joining-opened' : 'joining-closed',
      recordId: JOINING_RECORD_ID,
      apply: (session) => ({ ...session, joiningClosed: open ? null : { at, by } }),
    }))
  }

  /** "Bring everyone here": everyone's view goes to the facilitator's, once. */
  function bringEveryone(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    return changeSession(req, res, given, checkSummonRequest, (view, by, at) => ({
      step: 'everyone-brought',
      recordId: VIEW_RECORD_ID,
      apply: (session) => ({ ...session, summon: { ...view, at, by } }),
    }))
  }

  /**
   * A facilitator opens a dot vote or closes the open one: a process entry in the ledger, like
   * every step of running the session, crediting nobody.
   */
  async function openOrCloseVote(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    const checked = await checkedRequest(req, res, given, requireFacilitator, checkVoteRequest)
    if (!checked) return
    const { boardId, participant: facilitator, value: request } = checked
    const now = Date.now()
    let vote: DotVote | undefined
    if (request.action === 'open') {
      const { shapes, dots, severalPerCard, showLive } = request
      vote = await repository.openVote(
        boardId,
        { shapes, dots, severalPerCard, showLive, openedAt: now, openedBy: facilitator.id },
        processDraft('vote-opened', facilitator.id, VOTE_RECORD_ID, now),
      )
      if (!vote) return sendError(res, 409, 'A vote is already open. Close it first.')
    } else {
      vote = await repository.closeVote(
        boardId,
        now,
        processDraft('vote-closed', facilitator.id, VOTE_RECORD_ID, now),
      )
      if (!vote) return sendError(res, 409, 'No vote is open, so there is nothing to close.')
    }
    options.logger.info('vote.changed', {
      boardId,
      action: request.action,
      voteId: vote.id,
      by: facilitator.id,
    })
    options.notify?.(boardId, { type: 'vote-changed' })
    sendJson(res, 200, await sessionResponse(boardId, facilitator.id, now))
  }

  /**
   * A facilitator starts a private writing round or reveals it: a process entry, crediting
   * nobody. Revealing puts every card of the round on the board (server/plugins/
   * privateRoundPlugin.ts), each credited to its author.
   */
  async function startOrRevealRound(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    const checked = await checkedRequest(req, res, given, requireFacilitator, checkRoundRequest)
    if (!checked) return
    const { boardId, participant: facilitator, value: request } = checked
    const open = Boolean((await repository.getSession(boardId)).round)
    if (request.action === 'start' && open) {
      return sendError(res, 409, 'A private round is already on. Show everyone’s cards first.')
    }
    if (request.action === 'reveal' && !open) {
      return sendError(res, 409, 'No private round is on, so there are no cards to show.')
    }
    const now = Date.now()
    const by = facilitator.id
    const session = await repository.changeSession(
      boardId,
      // Two facilitators at once: the first start or reveal counts, the second changes nothing.
      (stored) =>
        request.action === 'start'
          ? {
              ...stored,
              round: stored.round ?? { startedAt: now, endsAt: now + request.minutes * 60_000, by },
            }
          : { ...stored, round: null },
      processDraft(
        request.action === 'start' ? 'round-started' : 'round-revealed',
        by,
        ROUND_RECORD_ID,
        now,
      ),
    )
    options.logger.info('session.changed', { boardId, step: `round-${request.action}`, by })
    options.notify?.(boardId, { type: 'session-changed' })
    sendJson(res, 200, await sessionResponse(boardId, by, now, session))
  }

  /** The asker's own cards in the open private round: nobody else's, whoever asks. */
  async function readPrivateCards(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    const boardId = await knownBoard(res, given)
    if (!boardId) return
    const participant = await requireParticipant(req, res, boardId)
    if (!participant) return
    sendJson(res, 200, await privateCardsOf(boardId, participant.id))
  }

  async function privateCardsOf(
    boardId: string,
    participantId: string,
  ): Promise<PrivateCardsResponse> {
    const cards = await repository.readPrivateCards(boardId, participantId)
    return { cards: cards.map((card) => card.record) }
  }

  /** A person adds or changes one of their own cards in the open private round. */
  async function writePrivateCard(
    req: IncomingMessage,
    res: ServerResponse,
    [given, shapeId]: string[],
  ) {
    // Loaded only when needed, as for making boards (see createBoard).
    const { commonmapSchema } = await import('../../shared/schema')
    const checked = await checkedRequest(req, res, given, requireEditor, (body) =>
      checkPrivateCardRequest(body, shapeId ?? '', commonmapSchema),
    )
    if (!checked) return
    const { boardId, participant, value: card } = checked
    const change = await repository.savePrivateCard(boardId, participant.id, card, Date.now())
    await answerPrivateCardChange(res, change, boardId, participant.id)
  }

  /** A person takes back one of their own cards in the open private round. */
  async function takeBackPrivateCard(
    req: IncomingMessage,
    res: ServerResponse,
    [given, shapeId]: string[],
  ) {
    const boardId = await knownBoard(res, given)
    if (!boardId) return
    const participant = await requireEditor(req, res, boardId)
    if (!participant) return
    const change = await repository.deletePrivateCard(boardId, participant.id, shapeId ?? '')
    await answerPrivateCardChange(res, change, boardId, participant.id)
  }

  async function answerPrivateCardChange(
    res: ServerResponse,
    change: PrivateCardChange,
    boardId: string,
    participantId: string,
  ) {
    switch (change) {
      case 'saved':
        return sendJson(res, 200, await privateCardsOf(boardId, participantId))
      case 'no-round':
        return sendError(
          res,
          409,
          'No private round is on, so this was not kept here. Add it to the board instead.',
        )
      case 'not-yours':
        return sendError(res, 403, 'This is not one of your own cards in this round.')
      default:
        return assertNever(change)
    }
  }

  /** A person places their dots on a card of the open vote, or takes them back with 0. */
  async function castDots(req: IncomingMessage, res: ServerResponse, [given, shapeId]: string[]) {
    const checked = await checkedRequest(req, res, given, requireParticipant, checkCastRequest)
    if (!checked) return
    const { boardId, participant: voter } = checked
    const shape = shapeId ?? ''
    const { dots } = checked.value
    const outcome = await repository.castDots(boardId, voter.id, shape, dots, (vote, mine) =>
      castRefusal(vote, mine, shape, dots),
    )
    switch (outcome.kind) {
      case 'no-open-vote':
        return sendError(res, 409, 'No vote is open at the moment.')
      case 'refused':
        return sendError(res, 409, outcome.reason)
      case 'cast':
        options.notify?.(boardId, { type: 'vote-changed' })
        return sendJson(res, 200, await sessionResponse(boardId, voter.id, Date.now()))
      default:
        return assertNever(outcome)
    }
  }

  /**
   * A facilitator makes a link to watch the board: a process entry in the ledger, with who made
   * it. Its token is only ever in this answer; storage keeps its hash.
   */
  async function makeWatchLink(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    const request = await checkedRequest(req, res, given, requireFacilitator, checkWatchLinkRequest)
    if (!request) return
    const { boardId, participant: facilitator } = request
    const now = Date.now()
    const id = newWatchLinkId()
    const token = issueWatchToken(id)
    const link: StoredWatchLink = {
      id,
      boardId,
      tokenHash: hashToken(token),
      createdBy: facilitator.id,
      createdAt: now,
      revokedBy: null,
      revokedAt: null,
    }
    await repository.createWatchLink(
      link,
      processDraft('watch-link-made', facilitator.id, watchLinkRecordId(id), now),
    )
    options.logger.info('watch-link.made', { boardId, linkId: id, by: facilitator.id })
    const created: WatchLinkCreated = {
      url: requestOrigin(req) + watchPath(boardId, token),
      token,
      link: watchLinkOf(link),
    }
    sendJson(res, 201, created)
  }

  /** The board and the facilitator asking, or undefined after an error response was sent. */
  async function facilitatorOf(req: IncomingMessage, res: ServerResponse, given: string) {
    const boardId = await knownBoard(res, given)
    if (!boardId) return undefined
    const facilitator = await requireFacilitator(req, res, boardId)
    return facilitator && { boardId, facilitator }
  }

  async function sendWatchLinks(res: ServerResponse, boardId: string): Promise<void> {
    const links = (await repository.listWatchLinks(boardId)).map(watchLinkOf)
    sendJson(res, 200, { links } satisfies WatchLinksResponse)
  }

  async function listWatchLinks(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    const asked = await facilitatorOf(req, res, given as string)
    if (asked) await sendWatchLinks(res, asked.boardId)
  }

  /**
   * A facilitator revokes a watch link: a process entry, then the board's room (in whichever
   * process serves it) closes the sockets that opened with it; new ones are refused.
   */
  async function revokeWatchLink(
    req: IncomingMessage,
    res: ServerResponse,
    [given, linkId]: string[],
  ) {
    const asked = await facilitatorOf(req, res, given as string)
    if (!asked) return
    const { boardId, facilitator } = asked
    const now = Date.now()
    const revoked =
      isWatchLinkId(linkId) &&
      (await repository.revokeWatchLink(
        boardId,
        linkId,
        facilitator.id,
        now,
        processDraft('watch-link-revoked', facilitator.id, watchLinkRecordId(linkId), now),
      ))
    if (!revoked) return sendError(res, 404, 'This board has no such watch link.')
    options.logger.info('watch-link.revoked', { boardId, linkId, by: facilitator.id })
    options.notify?.(boardId, { type: 'watch-link-revoked', linkId: revoked.id })
    await sendWatchLinks(res, boardId)
  }

  async function readLedger(req: IncomingMessage, res: ServerResponse, [given]: string[]) {
    const id = await knownBoard(res, given)
    if (!id || !(await requireParticipant(req, res, id))) return
    const recordId = new URL(req.url ?? '/', 'http://x').searchParams.get('recordId')
    const body: LedgerResponse = {
      entries: await repository.readLedger(id, recordId ? { recordId } : {}),
    }
    sendJson(res, 200, body)
  }

  async function chooseLicence(
    req: IncomingMessage,
    res: ServerResponse,
    [given]: string[],
  ): Promise<void> {
    const id = await knownBoard(res, given)
    if (!id) return
    const chooser = await requireParticipant(req, res, id)
    if (!chooser) return
    const json = await readJson(req, res)
    if (json === undefined) return
    const checked = checkLicenceRequest(json)
    if (!checked.ok) return sendError(res, 400, checked.error)
    const choice = { id: checked.value.licence, setBy: chooser.id, setAt: Date.now() }
    await repository.setLicence(id, choice)
    options.logger.info('licence.chosen', { boardId: id, licence: choice.id, by: chooser.id })
    options.notify?.(id, { type: 'licence-changed' })
    const body: LicenceResponse = { licence: choice }
    sendJson(res, 200, body)
  }

  /**
   * A board as a file to download. Link-only, like reading the board's title: anyone with the
   * link can already open the board, and people and scripts may want its data without a browser.
   */
  async function exportBoard(req: IncomingMessage, res: ServerResponse, [id, format]: string[]) {
    if (!isExportFormat(format)) return sendError(res, 404, 'There is nothing at this address.')
    if (!isBoardId(id) || !(await repository.getBoard(id))) {
      return sendError(res, 404, BOARD_NOT_FOUND)
    }
    // Cards hidden for review stay out unless a facilitator asks for them (`?hidden=include`).
    const withHidden = new URL(req.url ?? '/', 'http://x').searchParams.get('hidden') === 'include'
    if (withHidden && !(await requireFacilitator(req, res, id))) return
    const key = `${id} ${format} ${withHidden ? 'with-hidden' : 'shown'}`
    let file = waitingExports.joinable(key)
    if (!file) {
      const place = reserveWork(res)
      if (!place) return
      file = waitingExports.start(
        key,
        async (reading) =>
          (await place.run(async () => {
            reading()
            const { sqliteFile } = options.storage
            // With SQLite the worker thread reads the board itself (workTasks.ts).
            if (sqliteFile) {
              const input = { format, sqliteFile, boardId: id, now: Date.now(), withHidden }
              return { kind: 'stored-export', input }
            }
            const input = await readExportInput(options.storage, id, format, Date.now(), withHidden)
            return { kind: 'export', input }
          })) as ExportDownload,
      )
    }
    sendDownload(req, res, await file)
  }

  async function getBoard(_req: IncomingMessage, res: ServerResponse, [id]: string[]) {
    const info = isBoardId(id) ? await repository.getBoard(id) : undefined
    if (!info) return sendError(res, 404, BOARD_NOT_FOUND)
    const body: BoardInfo = { id: info.id, title: info.title, createdAt: info.createdAt }
    sendJson(res, 200, body)
  }

  async function uploadAsset(
    req: IncomingMessage,
    res: ServerResponse,
    [id]: string[],
  ): Promise<void> {
    if (!isBoardId(id) || !(await repository.getBoard(id))) {
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
      const found = methods[method as keyof Route['methods']]
      if (!found) {
        const allowed = Object.keys(methods)
        if (allowed.includes('GET')) allowed.push('HEAD')
        sendError(res, 405, `This address does not accept ${req.method} requests.`, {
          Allow: allowed.join(', '),
        })
        return true
      }
      const endpoint = typeof found === 'function' ? { handle: found } : found
      if (endpoint.body) {
        const refusal = refuseCrossSite(req, endpoint.body, options.origins)
        if (refusal) {
          refusals.info('request.cross-site', { path, status: refusal.status })
          sendError(res, refusal.status, refusal.message, { Connection: 'close' })
          return true
        }
      }
      if (endpoint.perAddress) {
        const wait = options.addressLimits.take(endpoint.perAddress, options.clientAddress(req))
        if (wait > 0) {
          refusals.info('request.rate-limited', { path, limit: endpoint.perAddress })
          sendError(res, 429, TOO_MANY, { 'Retry-After': String(wait), Connection: 'close' })
          return true
        }
      }
      await endpoint.handle(req, res, match.slice(1).map(decodePathPart))
      return true
    }
    sendError(res, 404, 'There is nothing at this address.')
    return true
  }
}

/** A new board's id: 16 random bytes, 128 bits, so a board's link cannot be guessed. */
function newBoardId(): string {
  return randomBytes(16).toString('base64url')
}

/** True when a worker task failed for taking too long or too much memory. */
function isWorkLimit(error: unknown): boolean {
  const { name, code } = error as { name?: string; code?: string }
  return name === 'AbortError' || name === 'TimeoutError' || code === 'ERR_WORKER_OUT_OF_MEMORY'
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

/** A stored watch link without its token's hash: what a facilitator may read. */
function watchLinkOf({ tokenHash: _hash, ...link }: StoredWatchLink): WatchLink {
  return link
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
