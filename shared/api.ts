import { BoardTemplates, type BoardTemplateId } from './boardTemplates'
import { MAX_TITLE_LENGTH } from './limits'
import { participantValidator, type Participant } from './participant'

/**
 * The JSON HTTP API between the client and the server. Paths are relative to the server's
 * origin. Every error response has the shape {@link ApiError} and a status code that says
 * what kind of error it is.
 */
export const ApiPath = {
  health: '/healthz',
  boards: '/api/boards',
  board: (boardId: string) => `/api/boards/${boardId}`,
  assets: (boardId: string) => `/api/boards/${boardId}/assets`,
  serverInfo: '/api/server-info',
} as const

/** Body of `POST /api/boards`. */
export interface CreateBoardRequest {
  readonly title: string
  /** What the board starts with; `blank` when left out. */
  readonly template?: BoardTemplateId
  /**
   * The person starting the board, who joins it in the same step: the server adds them to the
   * board's participants and attributes the template's records to them. Their id is made by
   * their browser (`PARTICIPANT_ID_PATTERN`).
   */
  readonly creator?: Participant
}

/** A checked `POST /api/boards` body: the template is always known. */
export interface CheckedCreateBoardRequest extends CreateBoardRequest {
  readonly template: BoardTemplateId
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
 * Checks the body of `POST /api/boards`. Titles are trimmed; an empty or over-long title, an
 * unknown template or a creator who is not a valid participant gets a message the start page
 * can show as it is.
 */
export function checkCreateBoardRequest(body: unknown): Checked<CheckedCreateBoardRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'Send a JSON object with a "title".' }
  }
  const { title, template = 'blank', creator } = body as Record<string, unknown>
  if (typeof title !== 'string' || !title.trim()) {
    return { ok: false, error: 'Please give the board a title.' }
  }
  if (title.trim().length > MAX_TITLE_LENGTH) {
    return { ok: false, error: `Please keep the title to ${MAX_TITLE_LENGTH} characters or fewer.` }
  }
  if (!BoardTemplates.has(template)) {
    const names = BoardTemplates.all.map((choice) => choice.label).join(' or ')
    return { ok: false, error: `Please choose how the board starts: ${names}.` }
  }
  if (creator === undefined) return { ok: true, value: { title: title.trim(), template } }
  let checkedCreator: Participant
  try {
    checkedCreator = participantValidator.validate(creator)
  } catch {
    return { ok: false, error: 'Please give your name and choose a role.' }
  }
  return { ok: true, value: { title: title.trim(), template, creator: checkedCreator } }
}
