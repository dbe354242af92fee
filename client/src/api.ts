import {
  ApiPath,
  type ApiError,
  type AssetUploadResponse,
  type BoardInfo,
  type CreateBoardRequest,
  type CreateBoardResponse,
  type FacilitatorsResponse,
  type HiddenResponse,
  type ParticipantsResponse,
  IMPORT_REQUEST_HEADER,
  type ImportBoardRequest,
  type JoinRequest,
  type JoinResponse,
  type LedgerResponse,
  type LicenceResponse,
  type ProfileResponse,
  type ProfileUpdate,
  type ServerInfo,
  type SessionResponse,
  type SummonRequest,
  type VoteRequest,
} from '../../shared/api'
import type { LicenceId } from '../../shared/export/licences'
import type { WatchLinkCreated, WatchLinksResponse } from '../../shared/watchLinks'
import type {
  PrivateCardShape,
  PrivateCardsResponse,
  RoundRequest,
} from '../../shared/privateRound'
import type { HideReason } from '../../shared/hiddenCards'

/**
 * A request to the Commonmap server failed. `message` is a plain sentence that can be shown to
 * a person as it is; `status` is the HTTP status, or 0 when the server could not be reached.
 */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = 'ApiRequestError'
  }
}

const UNREACHABLE = 'Could not reach the Commonmap server. Check your connection and try again.'

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, init)
  } catch {
    throw new ApiRequestError(UNREACHABLE, 0)
  }
  const body = (await response.json().catch(() => null)) as T | ApiError | null
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
        ? body.error
        : `The server answered with an error (${response.status}). Please try again.`
    throw new ApiRequestError(message, response.status)
  }
  if (body === null)
    throw new ApiRequestError('The server sent an answer that could not be read.', response.status)
  return body as T
}

/** Creates a board (with a template and the person starting it) and returns it with its link. */
export function createBoard(board: CreateBoardRequest): Promise<CreateBoardResponse> {
  return request(ApiPath.boards, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(board),
  })
}

/**
 * Makes a new board from a board file, with the person opening it as its creator. The server
 * reads and checks the file itself and answers with a plain message when it cannot be opened.
 */
export function importBoard(file: Blob, board: ImportBoardRequest): Promise<CreateBoardResponse> {
  return request(ApiPath.importBoard, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/octet-stream',
      [IMPORT_REQUEST_HEADER]: encodeURIComponent(JSON.stringify(board)),
    },
    body: file,
  })
}

const json = (body: unknown, token?: string): RequestInit => ({
  headers: {
    'Content-Type': 'application/json',
    ...(token && { Authorization: `Bearer ${token}` }),
  },
  body: JSON.stringify(body),
})

/** Joins a board as a new participant; the response's token proves who they are from now on. */
export function joinBoard(boardId: string, join: JoinRequest): Promise<JoinResponse> {
  return request(ApiPath.participants(boardId), { method: 'POST', ...json(join) })
}

/** Adds a person without a device, on behalf of the participant whose token this is. */
export function addPersonWithoutDevice(
  boardId: string,
  join: JoinRequest,
  token: string,
): Promise<JoinResponse> {
  return request(ApiPath.participants(boardId), {
    method: 'POST',
    ...json({ ...join, withoutDevice: true }, token),
  })
}

/** Changes a participant's name, role or credit choice (their own, or someone they added). */
export function updateProfile(
  boardId: string,
  participantId: string,
  update: ProfileUpdate,
  token: string,
): Promise<ProfileResponse> {
  return request(ApiPath.participant(boardId, participantId), {
    method: 'PATCH',
    ...json(update, token),
  })
}

/** Chooses the board's licence, as the token's participant (who is then shown as choosing it). */
export function chooseLicence(
  boardId: string,
  licence: LicenceId,
  token: string,
): Promise<LicenceResponse> {
  return request(ApiPath.licence(boardId), { method: 'PUT', ...json({ licence }, token) })
}

/**
 * Lets a person run the session (`facilitates`) or takes that back, as the token's participant,
 * who must be a facilitator. The server refuses, in a plain sentence, to leave the board with none.
 */
export function setFacilitating(
  boardId: string,
  participantId: string,
  facilitates: boolean,
  token: string,
): Promise<FacilitatorsResponse> {
  return request(ApiPath.facilitator(boardId, participantId), {
    method: facilitates ? 'PUT' : 'DELETE',
    headers: { Authorization: `Bearer ${token}` },
  })
}

/**
 * Removes a person from the board, as a facilitator: their link stops working and their
 * connections close; what they added stays, credited as they chose.
 */
export function removeParticipant(
  boardId: string,
  participantId: string,
  token: string,
): Promise<ParticipantsResponse> {
  return request(ApiPath.participant(boardId, participantId), {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}` },
  })
}

/** Takes a card down for review ("Hide for now"), with why if the person said. */
export function hideCard(
  boardId: string,
  shape: string,
  reason: HideReason | null,
  token: string,
): Promise<HiddenResponse> {
  return request(ApiPath.hidden(boardId), { method: 'POST', ...json({ shape, reason }, token) })
}

/** A facilitator's decision on a card hidden for review: put it back, or remove it for good. */
export function reviewCard(
  boardId: string,
  shape: string,
  decision: 'restore' | 'remove',
  token: string,
): Promise<HiddenResponse> {
  const path =
    decision === 'restore'
      ? ApiPath.hiddenCard(boardId, shape)
      : ApiPath.hiddenCardRemoval(boardId, shape)
  return request(path, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } })
}

/** Opens the board to new people or closes it, as a facilitator. */
export function setJoining(
  boardId: string,
  open: boolean,
  token: string,
): Promise<SessionResponse> {
  return request(ApiPath.sessionJoining(boardId), { method: 'PUT', ...json({ open }, token) })
}

/** The session as it is now (stage and timer), with the server's clock. */
export function fetchSession(boardId: string, token: string): Promise<SessionResponse> {
  return request(ApiPath.session(boardId), { headers: { Authorization: `Bearer ${token}` } })
}

/** Moves the group to an area of the session, as a facilitator. */
export function moveStage(boardId: string, area: string, token: string): Promise<SessionResponse> {
  return request(ApiPath.sessionStage(boardId), { method: 'PUT', ...json({ area }, token) })
}

/** Locks or unlocks the session's areas and prompts, as a facilitator. */
export function lockLayout(
  boardId: string,
  locked: boolean,
  token: string,
): Promise<SessionResponse> {
  return request(ApiPath.sessionLock(boardId), { method: 'PUT', ...json({ locked }, token) })
}

/** Starts the stage's timer for `seconds`, or stops it with 0, as a facilitator. */
export function setTimer(
  boardId: string,
  seconds: number,
  token: string,
): Promise<SessionResponse> {
  return request(ApiPath.sessionTimer(boardId), { method: 'PUT', ...json({ seconds }, token) })
}

/** Brings everyone to a part of the board once ("Bring everyone here"), as a facilitator. */
export function bringEveryone(
  boardId: string,
  view: SummonRequest,
  token: string,
): Promise<SessionResponse> {
  return request(ApiPath.sessionSummon(boardId), { method: 'POST', ...json(view, token) })
}

/** Opens a dot vote or closes the open one, as a facilitator. */
export function changeVote(
  boardId: string,
  vote: VoteRequest,
  token: string,
): Promise<SessionResponse> {
  return request(ApiPath.sessionVote(boardId), { method: 'POST', ...json(vote, token) })
}

/** Starts a private writing round or shows everyone's cards, as a facilitator. */
export function changeRound(
  boardId: string,
  round: RoundRequest,
  token: string,
): Promise<SessionResponse> {
  return request(ApiPath.sessionRound(boardId), { method: 'POST', ...json(round, token) })
}

/** This person's own cards in the open private round. */
export function fetchPrivateCards(boardId: string, token: string): Promise<PrivateCardsResponse> {
  return request(ApiPath.privateCards(boardId), { headers: { Authorization: `Bearer ${token}` } })
}

/** Adds or changes one of this person's own cards in the open private round. */
export function savePrivateCard(
  boardId: string,
  card: PrivateCardShape,
  token: string,
): Promise<PrivateCardsResponse> {
  return request(ApiPath.privateCard(boardId, card.id), { method: 'PUT', ...json({ card }, token) })
}

/** Takes back one of this person's own cards in the open private round. */
export function deletePrivateCard(
  boardId: string,
  shapeId: string,
  token: string,
): Promise<PrivateCardsResponse> {
  return request(ApiPath.privateCard(boardId, shapeId), {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}` },
  })
}

/** Puts `dots` of this person's dots on a card of the open vote (0 takes them back). */
export function castDots(
  boardId: string,
  shapeId: string,
  dots: number,
  token: string,
): Promise<SessionResponse> {
  return request(ApiPath.votes(boardId, shapeId), { method: 'PUT', ...json({ dots }, token) })
}

/** One private profile: the token's own, or of someone its participant added. */
export function fetchProfile(
  boardId: string,
  participantId: string,
  token: string,
): Promise<ProfileResponse> {
  return request(ApiPath.participant(boardId, participantId), {
    headers: { Authorization: `Bearer ${token}` },
  })
}

/** The ledger entries about one record, oldest first. */
export function fetchRecordHistory(
  boardId: string,
  recordId: string,
  token: string,
): Promise<LedgerResponse> {
  return request(`${ApiPath.ledger(boardId)}?recordId=${encodeURIComponent(recordId)}`, {
    headers: { Authorization: `Bearer ${token}` },
  })
}

/** The board's whole contribution ledger, oldest first. */
export function fetchLedger(boardId: string, token: string): Promise<LedgerResponse> {
  return request(ApiPath.ledger(boardId), { headers: { Authorization: `Bearer ${token}` } })
}

/** Looks a board up; rejects with status 404 when it was never created. */
export function fetchBoard(boardId: string): Promise<BoardInfo> {
  return request(ApiPath.board(boardId))
}

/** Where other devices in the room can reach this server, if anywhere. */
export function fetchServerInfo(): Promise<ServerInfo> {
  return request(ApiPath.serverInfo)
}

/** Uploads a picture to a board and returns where it is served from. */
export function uploadAsset(
  boardId: string,
  file: Blob,
  signal?: AbortSignal,
): Promise<AssetUploadResponse> {
  return request(ApiPath.assets(boardId), {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
    ...(signal ? { signal } : {}),
  })
}

/** Makes a link to watch the board (view only), as a facilitator. */
export function makeWatchLink(boardId: string, token: string): Promise<WatchLinkCreated> {
  return request(ApiPath.watchLinks(boardId), { method: 'POST', ...json({}, token) })
}

/** The board's watch links, newest first, as a facilitator. */
export function listWatchLinks(boardId: string, token: string): Promise<WatchLinksResponse> {
  return request(ApiPath.watchLinks(boardId), { headers: { Authorization: `Bearer ${token}` } })
}

/** Revokes a watch link, as a facilitator: whoever watches with it is disconnected. */
export function revokeWatchLink(
  boardId: string,
  linkId: string,
  token: string,
): Promise<WatchLinksResponse> {
  return request(ApiPath.watchLink(boardId, linkId), {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}` },
  })
}
