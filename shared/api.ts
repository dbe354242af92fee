import { BoardTemplates, type BoardTemplateId } from './boardTemplates'
import { CREDIT_OPTIONS, isCreditLevel, type CreditLevel, type CreditedParticipant } from './credit'
import {
  isLicenceId,
  LICENCE_IDS,
  LICENCES,
  type LicenceChoice,
  type LicenceId,
} from './export/licences'
import type { LedgerEntry } from './ledger'
import { checkCleanText, cleanedText } from './cleanText'
import { MAX_NAME_LENGTH, MAX_TITLE_LENGTH } from './limits'
import { isRoleId, type RoleId } from './roles'
import { DEFAULT_DOTS, MAX_DOTS, MAX_VOTE_CARDS, type PublishedVote } from './dotVote'
import type { PrivateCardRequest, PrivateCardsResponse, RoundRequest } from './privateRound'
import { HIDE_REASONS, type HideReason } from './hiddenCards'
import { SESSION_AREAS } from './sessionAreas'
import {
  MAX_TIMER_SECONDS,
  areaNamed,
  isSummonView,
  type SessionState,
  type SessionSummon,
} from './sessionState'

/**
 * The JSON HTTP API between the client and the server. Paths are relative to the server's
 * origin. Every error response has the shape {@link ApiError} and a status code that says
 * what kind of error it is.
 */
export const ApiPath = {
  health: '/healthz',
  boards: '/api/boards',
  /**
   * `POST` makes a new board from a board file: the body is the file's bytes
   * (`application/octet-stream`), the person opening it is in the {@link IMPORT_REQUEST_HEADER}
   * header. 201 {@link CreateBoardResponse} with the creator; see {@link ImportBoardRequest}.
   */
  importBoard: '/api/boards/import',
  board: (boardId: string) => `/api/boards/${boardId}`,
  assets: (boardId: string) => `/api/boards/${boardId}/assets`,
  serverInfo: '/api/server-info',
  /** `POST` joins (201 {@link JoinResponse}); `GET` lists everyone as credited ({@link ParticipantsResponse}). */
  participants: (boardId: string) => `/api/boards/${boardId}/participants`,
  /**
   * `GET` one private profile, `PATCH` it ({@link ProfileUpdate}); only its owner (or adder).
   * `DELETE` removes the person from the board (a facilitator's token only; 200
   * {@link ParticipantsResponse}): their token stops working and their connections close, what
   * they added stays credited as they chose. Nobody can remove themselves this way (409).
   */
  participant: (boardId: string, participantId: string) =>
    `/api/boards/${boardId}/participants/${participantId}`,
  /** `GET` the contribution ledger ({@link LedgerResponse}); `?recordId=` for one record's entries. */
  ledger: (boardId: string) => `/api/boards/${boardId}/ledger`,
  /**
   * `PUT` lets a person run the session (gives them `facilitate`), `DELETE` takes it back; 200
   * {@link FacilitatorsResponse}. A facilitator's token only (403 otherwise); taking it from the
   * board's last facilitator is refused (409), as is giving it to someone without a device.
   */
  facilitator: (boardId: string, participantId: string) =>
    `/api/boards/${boardId}/facilitators/${participantId}`,
  /**
   * `GET` the session as it is now ({@link SessionResponse}), with any participant's token (or
   * a watch link's, with no dots of its own);
   * what it holds is also published to every connection as the `session` server state.
   */
  session: (boardId: string) => `/api/boards/${boardId}/session`,
  /** `PUT` moves the group to an area ({@link StageRequest}); a facilitator's token only. */
  sessionStage: (boardId: string) => `/api/boards/${boardId}/session/stage`,
  /**
   * `PUT` locks or unlocks the session's areas and prompts ({@link LockRequest}); a
   * facilitator's token only.
   */
  sessionLock: (boardId: string) => `/api/boards/${boardId}/session/lock`,
  /**
   * `PUT` opens or closes the board to new people ({@link JoiningRequest}); a facilitator's
   * token only. While closed, joining is refused (403) and everyone already on it keeps working.
   */
  sessionJoining: (boardId: string) => `/api/boards/${boardId}/session/joining`,
  /**
   * `POST` takes a card down for review ({@link HideRequest}), with any token that may edit:
   * everyone but facilitators stops seeing it. 200 {@link HiddenResponse}.
   */
  hidden: (boardId: string) => `/api/boards/${boardId}/hidden`,
  /**
   * `DELETE` puts a card hidden for review back for everyone; `DELETE …/hidden/:shapeId/card`
   * removes it from the board for good, as the server. A facilitator's token only; 404 when the
   * card is not hidden. 200 {@link HiddenResponse}.
   */
  hiddenCard: (boardId: string, shapeId: string) => `/api/boards/${boardId}/hidden/${shapeId}`,
  hiddenCardRemoval: (boardId: string, shapeId: string) =>
    `/api/boards/${boardId}/hidden/${shapeId}/card`,
  /** `PUT` starts or stops the stage's timer ({@link TimerRequest}); a facilitator's token only. */
  sessionTimer: (boardId: string) => `/api/boards/${boardId}/session/timer`,
  /**
   * `POST` brings everyone, following or not, to a part of the board once ({@link SummonRequest}:
   * "Bring everyone here"); a facilitator's token only.
   */
  sessionSummon: (boardId: string) => `/api/boards/${boardId}/session/summon`,
  /**
   * `POST` opens a dot vote on some cards or closes it ({@link VoteRequest}); a facilitator's
   * token only. Answered with {@link SessionResponse}.
   */
  sessionVote: (boardId: string) => `/api/boards/${boardId}/session/vote`,
  /**
   * `POST` starts a private writing round or reveals it ({@link RoundRequest}, in
   * shared/privateRound.ts); a facilitator's token only. Answered with {@link SessionResponse}.
   */
  sessionRound: (boardId: string) => `/api/boards/${boardId}/session/round`,
  /**
   * `GET` your own cards in the open private round ({@link PrivateCardsResponse}), with your own
   * token: nobody else's, whoever asks.
   */
  privateCards: (boardId: string) => `/api/boards/${boardId}/private-cards`,
  /**
   * `PUT` adds or changes one of your own cards in the open private round
   * ({@link PrivateCardRequest}), `DELETE` takes it back; answered with
   * {@link PrivateCardsResponse}. 409 when no round is open.
   */
  privateCard: (boardId: string, shapeId: string) =>
    `/api/boards/${boardId}/private-cards/${shapeId}`,
  /**
   * `PUT` sets how many of your dots are on a card in the open vote ({@link CastRequest}; 0
   * takes them back), with your own token. Answered with {@link SessionResponse}.
   */
  votes: (boardId: string, shapeId: string) => `/api/boards/${boardId}/votes/${shapeId}`,
  /** `PUT` the board's licence ({@link LicenceRequest}, answered with {@link LicenceResponse}). */
  licence: (boardId: string) => `/api/boards/${boardId}/licence`,
  /**
   * `GET` the board as a file to download (see {@link EXPORT_FORMATS}). Needs no token: anyone
   * with the board's link can already read the board, and scripts should not need a browser.
   */
  /**
   * `POST` makes a watch link (201 `WatchLinkCreated`, shared/watchLinks.ts): a socket with its
   * token may only watch. `GET` lists the board's links (`WatchLinksResponse`). A facilitator's
   * token only (403 otherwise).
   */
  watchLinks: (boardId: string) => `/api/boards/${boardId}/watch-links`,
  /**
   * `DELETE` revokes a watch link: new sockets with its token are refused and open ones closed
   * (close code 4410). 200 `WatchLinksResponse`; a facilitator's token only.
   */
  watchLink: (boardId: string, linkId: string) => `/api/boards/${boardId}/watch-links/${linkId}`,
  exportFile: (boardId: string, format: ExportFormat) => `/api/boards/${boardId}/export/${format}`,
} as const

/**
 * What `GET /api/boards/:id/export/<format>` answers with, as a download: `tldr` the board file
 * for Commonmap (shared/export/exportedBoardFile.ts), `tldr-plain` the board in tldraw's own
 * shapes, which any tldraw app opens (plainTldrawFile.ts), `excalidraw` the board as an
 * Excalidraw file (excalidrawFile.ts), `csv` the map as a table (renderCsv.ts), `html` the
 * report (renderHtmlReport.ts), `ledger` the contribution ledger as JSON (ledgerExport.ts).
 */
export const EXPORT_FORMATS = ['tldr', 'tldr-plain', 'excalidraw', 'csv', 'html', 'ledger'] as const

/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** True when `value` is one of {@link EXPORT_FORMATS}. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value)
}

/** Response of `PUT` and `DELETE /api/boards/:id/facilitators/:pid`: who runs the session now. */
export interface FacilitatorsResponse {
  /** The participant ids of everyone who may facilitate, in the order they joined. */
  readonly facilitators: readonly string[]
}

/**
 * Response of `GET /api/boards/:id/session`, and of each change to it (200): the session, and
 * the server's clock when it answered, so a device can show a timer in server time.
 */
export interface SessionResponse {
  readonly session: SessionState
  /** The board's latest dot vote, with results only once they are for everyone; null if none. */
  readonly vote: PublishedVote | null
  /** The asker's own dots in that vote, by shape id (never anyone else's). */
  readonly myDots: Readonly<Record<string, number>>
  /** Server time, epoch ms. */
  readonly now: number
}

/**
 * Body of `POST /api/boards/:id/session/vote`: open a vote on some cards (`dots` each person,
 * {@link DEFAULT_DOTS} when left out; one dot per card and results hidden until it closes unless
 * said), or close the open one.
 */
export type VoteRequest =
  | {
      readonly action: 'open'
      readonly shapes: readonly string[]
      readonly dots: number
      readonly severalPerCard: boolean
      readonly showLive: boolean
    }
  | { readonly action: 'close' }

/** Checks the body of `POST /api/boards/:id/session/vote`. */
export function checkVoteRequest(body: unknown): Checked<VoteRequest> {
  if (!isObject(body) || (body.action !== 'open' && body.action !== 'close')) {
    return { ok: false, error: 'Please say "open" or "close" as the action.' }
  }
  if (body.action === 'close') return { ok: true, value: { action: 'close' } }
  const { shapes, dots = DEFAULT_DOTS, severalPerCard = false, showLive = false } = body
  if (
    !Array.isArray(shapes) ||
    shapes.length === 0 ||
    shapes.length > MAX_VOTE_CARDS ||
    !shapes.every((id) => typeof id === 'string' && id.startsWith('shape:'))
  ) {
    return {
      ok: false,
      error: `Please choose the cards to vote on: from 1 to ${MAX_VOTE_CARDS} shape ids.`,
    }
  }
  if (typeof dots !== 'number' || !Number.isInteger(dots) || dots < 1 || dots > MAX_DOTS) {
    return { ok: false, error: `Please give each person from 1 to ${MAX_DOTS} dots.` }
  }
  if (typeof severalPerCard !== 'boolean' || typeof showLive !== 'boolean') {
    return { ok: false, error: 'Please give severalPerCard and showLive as true or false.' }
  }
  return {
    ok: true,
    value: {
      action: 'open',
      shapes: [...new Set(shapes as string[])],
      dots,
      severalPerCard,
      showLive,
    },
  }
}

/** Body of `PUT /api/boards/:id/votes/:shapeId`: how many of your dots are on the card. */
export interface CastRequest {
  readonly dots: number
}

/** Checks the body of `PUT /api/boards/:id/votes/:shapeId`. */
export function checkCastRequest(body: unknown): Checked<CastRequest> {
  const dots = isObject(body) ? body.dots : undefined
  if (typeof dots !== 'number' || !Number.isInteger(dots) || dots < 0 || dots > MAX_DOTS) {
    return { ok: false, error: 'Please give the number of dots for this card (0 takes them back).' }
  }
  return { ok: true, value: { dots } }
}

/** Body of `PUT /api/boards/:id/session/stage`: an area's key, or the id of its frame. */
export interface StageRequest {
  readonly area: string
}

/** Checks the body of `PUT /api/boards/:id/session/stage`; answers with the area's key. */
export function checkStageRequest(body: unknown): Checked<StageRequest> {
  const area = isObject(body) ? areaNamed(body.area) : undefined
  if (!area) {
    const keys = SESSION_AREAS.map((a) => a.key).join(', ')
    return { ok: false, error: `Please name one of the session's areas: ${keys}.` }
  }
  return { ok: true, value: { area: area.key } }
}

/** Body of `PUT /api/boards/:id/session/lock`: whether the areas and their prompts are locked. */
export interface LockRequest {
  readonly locked: boolean
}

/** Checks the body of `PUT /api/boards/:id/session/lock`. */
export function checkLockRequest(body: unknown): Checked<LockRequest> {
  const locked = isObject(body) ? body.locked : undefined
  if (typeof locked !== 'boolean') {
    return { ok: false, error: 'Please say whether the areas are locked: true or false.' }
  }
  return { ok: true, value: { locked } }
}

/** Body of `PUT /api/boards/:id/session/joining`: whether new people may join. */
export interface JoiningRequest {
  readonly open: boolean
}

/** Checks the body of `PUT /api/boards/:id/session/joining`. */
export function checkJoiningRequest(body: unknown): Checked<JoiningRequest> {
  const open = isObject(body) ? body.open : undefined
  if (typeof open !== 'boolean') {
    return { ok: false, error: 'Please say whether new people may join: true or false.' }
  }
  return { ok: true, value: { open } }
}

/** What the join call says while a facilitator has closed the board to new people (403). */
export const JOINING_CLOSED_MESSAGE =
  'The facilitator has closed this board to new people. Ask them to open it.'

/** Body of `POST /api/boards/:id/hidden`: the card to take down for review, and why if said. */
export interface HideRequest {
  readonly shape: string
  readonly reason: HideReason | null
}

/** Checks the body of `POST /api/boards/:id/hidden` (whether the card exists is checked later). */
export function checkHideRequest(body: unknown): Checked<HideRequest> {
  const shape = isObject(body) ? body.shape : undefined
  if (typeof shape !== 'string' || !isShapeId(shape)) {
    return { ok: false, error: 'Please say which card to hide, by its id ("shape:…").' }
  }
  const reason = isObject(body) ? (body.reason ?? null) : null
  if (reason !== null && !HIDE_REASONS.has(reason)) {
    const ids = HIDE_REASONS.ids.join(', ')
    return { ok: false, error: `The reason must be one of: ${ids}, or left out.` }
  }
  return { ok: true, value: { shape, reason } }
}

/** True for what could be a shape's id: `shape:` and a short id without slashes. */
export function isShapeId(value: unknown): value is string {
  return typeof value === 'string' && /^shape:[^/\s]{1,100}$/.test(value)
}

/** Response of a change to the cards hidden for review: the shape ids hidden now. */
export interface HiddenResponse {
  readonly hidden: readonly string[]
}

/** Body of `PUT /api/boards/:id/session/timer`: how long, in seconds; 0 stops the timer. */
export interface TimerRequest {
  readonly seconds: number
}

/** Checks the body of `PUT /api/boards/:id/session/timer`. */
export function checkTimerRequest(body: unknown): Checked<TimerRequest> {
  const seconds = isObject(body) ? body.seconds : undefined
  if (
    typeof seconds !== 'number' ||
    !Number.isInteger(seconds) ||
    seconds < 0 ||
    seconds > MAX_TIMER_SECONDS
  ) {
    return {
      ok: false,
      error: `Please give the time in whole seconds, from 1 to ${MAX_TIMER_SECONDS} (0 stops the timer).`,
    }
  }
  return { ok: true, value: { seconds } }
}

/** Body of `POST /api/boards/:id/session/summon`: the view to bring everyone to, in page units. */
export type SummonRequest = Pick<SessionSummon, 'x' | 'y' | 'w' | 'h'>

/** Checks the body of `POST /api/boards/:id/session/summon`. */
export function checkSummonRequest(body: unknown): Checked<SummonRequest> {
  if (!isSummonView(body)) {
    return {
      ok: false,
      error: 'Please give the part of the board to bring everyone to, as numbers x, y, w and h.',
    }
  }
  const { x, y, w, h } = body
  return { ok: true, value: { x, y, w, h } }
}

/** Body of `PUT /api/boards/:id/licence`: the licence the group chose. */
export interface LicenceRequest {
  readonly licence: LicenceId
}

/** Response of `PUT /api/boards/:id/licence` (200): the choice as recorded, with who made it. */
export interface LicenceResponse {
  readonly licence: LicenceChoice
}

/** Checks the body of `PUT /api/boards/:id/licence`. */
export function checkLicenceRequest(body: unknown): Checked<LicenceRequest> {
  if (!isObject(body) || !isLicenceId(body.licence)) {
    const names = LICENCE_IDS.map((id) => LICENCES[id].label).join(', ')
    return { ok: false, error: `Please choose one of these licences: ${names}.` }
  }
  return { ok: true, value: { licence: body.licence } }
}

/**
 * Requests that act as a participant carry `Authorization: Bearer <token>` (the token from
 * {@link JoinResponse}). The WebSocket cannot send headers from a browser, so it carries the
 * token in this query parameter instead (see shared/protocol.ts `WS_QUERY`).
 */
export const AUTHORIZATION_SCHEME = 'Bearer'

/** Body of `POST /api/boards`. */
export interface CreateBoardRequest {
  readonly title: string
  /** What the board starts with; `blank` when left out. */
  readonly template?: BoardTemplateId
  /**
   * The person starting the board, who joins it in the same step. Their participant exists
   * before the board's first records are written, so those can be credited to them.
   */
  readonly creator?: JoinRequest
}

/**
 * What `POST /api/boards/import` needs besides the file. The body is the file itself, so this
 * travels as JSON, URI-encoded (names need not be ASCII), in the {@link IMPORT_REQUEST_HEADER}
 * header; a header rather than the query, so people's names stay out of address logs.
 *
 * The file's type is told from its content, never from its name or Content-Type. The new board
 * keeps the file's record ids and takes the title the file carries; `title` (e.g. the file's
 * name) is used only for a file that carries none, such as one saved by tldraw itself.
 */
export interface ImportBoardRequest {
  /** The person opening the file, who joins the new board as its creator and its importer. */
  readonly creator: JoinRequest
  readonly title?: string
}

/** The header of `POST /api/boards/import` holding its {@link ImportBoardRequest}. */
export const IMPORT_REQUEST_HEADER = 'X-Commonmap-Import'

/** A checked {@link ImportBoardRequest}. */
export interface CheckedImportBoardRequest {
  readonly creator: JoinRequest
  /** Trimmed and cut to the longest title allowed; undefined when none was given. */
  readonly title: string | undefined
}

/**
 * Reads and checks the {@link IMPORT_REQUEST_HEADER} value: URI-encoded JSON with a `creator`
 * who joins from their own device, and perhaps a fallback `title`.
 */
export function checkImportBoardRequest(
  header: string | undefined,
): Checked<CheckedImportBoardRequest> {
  const missing = 'Please say who is opening the file: a name, a role and how to be credited.'
  if (!header) return { ok: false, error: missing }
  let body: unknown
  try {
    body = JSON.parse(decodeURIComponent(header))
  } catch {
    return { ok: false, error: missing }
  }
  if (!isObject(body)) return { ok: false, error: missing }
  const joined = checkJoinRequest(body.creator)
  if (!joined.ok) return joined
  if (joined.value.withoutDevice) {
    return { ok: false, error: 'The person opening a file joins its board from their own device.' }
  }
  if (body.title !== undefined && typeof body.title !== 'string') {
    return { ok: false, error: 'The title must be text.' }
  }
  // A file name can be longer than a title may be, or hold what a title may not; it is only a
  // fallback, so it is cleaned and cut rather than refused.
  const title = body.title === undefined ? undefined : cleanedText(body.title, MAX_TITLE_LENGTH)
  return { ok: true, value: { creator: joined.value, title } }
}

/** A checked `POST /api/boards` body: the template is always known. */
export interface CheckedCreateBoardRequest extends CreateBoardRequest {
  readonly template: BoardTemplateId
}

/**
 * Body of `POST /api/boards/:id/participants`: who is joining and how they want to be credited.
 * With `withoutDevice: true` (and the `Authorization` of someone on the board) it adds a person
 * in the room who has no device; others can then add things for them.
 */
export interface JoinRequest {
  /** Their name. Private unless their credit choice shows it. */
  readonly name: string
  readonly role: RoleId
  /** Their own words for their role when `role` is `other`. */
  readonly roleOther?: string
  readonly credit: CreditLevel
  /** The made-up name to show when `credit` is `pseudonym`. */
  readonly pseudonym?: string
  /** True to add a person without a device (needs the adder's token). */
  readonly withoutDevice?: boolean
}

/**
 * A participant's whole profile, private: only they (and, for a person without a device, the
 * person who added them) ever receive it. Everyone else sees a {@link CreditedParticipant}.
 */
export interface ParticipantProfile {
  readonly id: string
  readonly boardId: string
  readonly name: string
  readonly role: RoleId
  readonly roleOther: string | null
  readonly credit: CreditLevel
  readonly pseudonym: string | null
  readonly color: string
  readonly withoutDevice: boolean
  /** Who added a person without a device; null for someone who joined themselves. */
  readonly addedBy: string | null
  /** Epoch ms. */
  readonly createdAt: number
}

/** Response of a join (201): the new participant and, for someone with a device, their token. */
export interface JoinResponse {
  readonly participant: ParticipantProfile
  /** The secret the browser keeps for this board; absent for a person without a device. */
  readonly token?: string
}

/** Body of `PATCH /api/boards/:id/participants/:participantId`: any fields to change. */
export interface ProfileUpdate {
  readonly name?: string
  readonly role?: RoleId
  readonly roleOther?: string | null
  readonly credit?: CreditLevel
  readonly pseudonym?: string | null
}

/** Response of `PATCH` and `GET` of one participant (200). */
export interface ProfileResponse {
  readonly participant: ParticipantProfile
}

/** Response of `GET /api/boards/:id/participants` (200): everyone, as they chose to be credited. */
export interface ParticipantsResponse {
  readonly participants: readonly CreditedParticipant[]
}

/** Response of `GET /api/boards/:id/ledger` (200), oldest first. */
export interface LedgerResponse {
  readonly entries: readonly LedgerEntry[]
}

/** A board as the API describes it. `createdAt` is epoch milliseconds. */
export interface BoardInfo {
  readonly id: string
  readonly title: string
  readonly createdAt: number
}

/** Response of `POST /api/boards` (201): the new board and the absolute link to share. */
export interface CreateBoardResponse extends BoardInfo {
  readonly url: string
  /** The creator as a participant, when the request had a `creator`. */
  readonly creator?: JoinResponse
}

/** Response of `POST /api/boards/:id/assets` (201): where the stored picture is served from. */
export interface AssetUploadResponse {
  /** Same-origin path of the stored file, e.g. `/api/boards/<id>/assets/<name>`. */
  readonly src: string
}

/** Response of `GET /api/server-info`. */
export interface ServerInfo {
  /**
   * The origin other devices in the room can open (e.g. `http://192.168.1.20:8080`) when the
   * server listens on a network address, or null when it only listens on this computer
   * (`HOST=127.0.0.1`), in which case links only work on the computer running Commonmap.
   */
  readonly shareOrigin: string | null
}

/** Every error response: one plain-language sentence that can be shown to a person as it is. */
export interface ApiError {
  readonly error: string
}

/** Result of checking untrusted input: the clean value, or a message to show a person. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string }

/**
 * Checks the body of `POST /api/boards`. Titles are clean text (shared/cleanText.ts: trimmed,
 * NFC, no control or bidi characters, something visible); an empty or over-long title, an
 * unknown template or a creator who is not a valid participant gets a message the start page
 * can show as it is.
 */
export function checkCreateBoardRequest(body: unknown): Checked<CheckedCreateBoardRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'Send a JSON object with a "title".' }
  }
  const { title: given, template = 'blank', creator } = body as Record<string, unknown>
  if (typeof given !== 'string' || !given.trim()) {
    return { ok: false, error: 'Please give the board a title.' }
  }
  const clean = checkCleanText(given, { what: 'the title', maxGraphemes: MAX_TITLE_LENGTH })
  if (!clean.ok) return clean
  const title = clean.value
  if (!BoardTemplates.has(template)) {
    const names = BoardTemplates.all.map((choice) => choice.label).join(' or ')
    return { ok: false, error: `Please choose how the board starts: ${names}.` }
  }
  if (creator === undefined) return { ok: true, value: { title, template } }
  const joined = checkJoinRequest(creator)
  if (!joined.ok) return joined
  if (joined.value.withoutDevice) {
    return { ok: false, error: 'The person starting a board joins it from their own device.' }
  }
  return { ok: true, value: { title, template, creator: joined.value } }
}

function isObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
}

type Field<T> = { ok: true; value: T } | { ok: false; error: string }

function checkName(value: unknown, what: string): Field<string> {
  if (typeof value !== 'string' || !value.trim())
    return { ok: false, error: `Please write ${what}.` }
  return checkCleanText(value, { what, maxGraphemes: MAX_NAME_LENGTH })
}

function checkOptionalText(value: unknown, what: string): Field<string | undefined> {
  if (value === undefined || value === null) return { ok: true, value: undefined }
  if (typeof value !== 'string') return { ok: false, error: `${what} must be text.` }
  const clean = checkCleanText(value, { what, maxGraphemes: MAX_NAME_LENGTH })
  return clean.ok ? { ok: true, value: clean.value || undefined } : clean
}

const ROLE_ERROR = 'Please choose the role that fits you best.'
const CREDIT_ERROR = `Please choose how you want to be credited: ${CREDIT_OPTIONS.map((o) => o.label.toLowerCase()).join(', ')}.`
const PSEUDONYM_ERROR = 'Please write the made-up name you want others to see.'

/**
 * Checks the body of a join (and of a board's `creator`): names are clean text (trimmed, NFC, no
 * control or bidi characters, something visible, length in graphemes), the role and the
 * credit choice must be known ids, and a pseudonym is required when that is the choice.
 */
export function checkJoinRequest(body: unknown): Checked<JoinRequest> {
  if (!isObject(body)) return { ok: false, error: 'Send a JSON object with a name and a role.' }
  const name = checkName(body.name, 'your name')
  if (!name.ok) return name
  if (!isRoleId(body.role)) return { ok: false, error: ROLE_ERROR }
  if (!isCreditLevel(body.credit)) return { ok: false, error: CREDIT_ERROR }
  const roleOther = checkOptionalText(body.roleOther, 'your role')
  if (!roleOther.ok) return roleOther
  const pseudonym = checkOptionalText(body.pseudonym, 'the made-up name')
  if (!pseudonym.ok) return pseudonym
  if (body.credit === 'pseudonym' && !pseudonym.value) return { ok: false, error: PSEUDONYM_ERROR }
  if (body.withoutDevice !== undefined && typeof body.withoutDevice !== 'boolean') {
    return { ok: false, error: '"withoutDevice" must be true or false.' }
  }
  return {
    ok: true,
    value: {
      name: name.value,
      role: body.role,
      credit: body.credit,
      ...(body.role === 'other' && roleOther.value ? { roleOther: roleOther.value } : {}),
      ...(pseudonym.value ? { pseudonym: pseudonym.value } : {}),
      ...(body.withoutDevice ? { withoutDevice: true } : {}),
    },
  }
}

/**
 * Checks the body of a profile change. Only the fields present change; the result must still
 * make sense as a whole (a pseudonym choice needs a pseudonym), which the server checks against
 * the stored profile with {@link mergeProfileUpdate}.
 */
export function checkProfileUpdate(body: unknown): Checked<ProfileUpdate> {
  if (!isObject(body)) return { ok: false, error: 'Send a JSON object with the fields to change.' }
  const update: { -readonly [K in keyof ProfileUpdate]: ProfileUpdate[K] } = {}
  if (body.name !== undefined) {
    const name = checkName(body.name, 'your name')
    if (!name.ok) return name
    update.name = name.value
  }
  if (body.role !== undefined) {
    if (!isRoleId(body.role)) return { ok: false, error: ROLE_ERROR }
    update.role = body.role
  }
  if (body.credit !== undefined) {
    if (!isCreditLevel(body.credit)) return { ok: false, error: CREDIT_ERROR }
    update.credit = body.credit
  }
  if (body.roleOther !== undefined) {
    const roleOther = checkOptionalText(body.roleOther, 'your role')
    if (!roleOther.ok) return roleOther
    update.roleOther = roleOther.value ?? null
  }
  if (body.pseudonym !== undefined) {
    const pseudonym = checkOptionalText(body.pseudonym, 'the made-up name')
    if (!pseudonym.ok) return pseudonym
    update.pseudonym = pseudonym.value ?? null
  }
  if (Object.keys(update).length === 0) return { ok: false, error: 'There is nothing to change.' }
  return { ok: true, value: update }
}

/** A stored profile with an update applied, or the reason the result would not make sense. */
export function mergeProfileUpdate(
  profile: ParticipantProfile,
  update: ProfileUpdate,
): Checked<ParticipantProfile> {
  const role = update.role ?? profile.role
  const merged: ParticipantProfile = {
    ...profile,
    name: update.name ?? profile.name,
    role,
    roleOther:
      role === 'other'
        ? update.roleOther !== undefined
          ? update.roleOther
          : profile.roleOther
        : null,
    credit: update.credit ?? profile.credit,
    pseudonym: update.pseudonym !== undefined ? update.pseudonym : profile.pseudonym,
  }
  if (merged.credit === 'pseudonym' && !merged.pseudonym)
    return { ok: false, error: PSEUDONYM_ERROR }
  return { ok: true, value: merged }
}
