import { MAX_TITLE_LENGTH } from './limits'

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
 * Checks the body of `POST /api/boards`. Titles are trimmed; an empty or over-long title gets
 * a message the start page can show as it is.
 */
export function checkCreateBoardRequest(body: unknown): Checked<CreateBoardRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'Send a JSON object with a "title".' }
  }
  const title = (body as { title?: unknown }).title
  if (typeof title !== 'string' || !title.trim()) {
    return { ok: false, error: 'Please give the board a title.' }
  }
  if (title.trim().length > MAX_TITLE_LENGTH) {
    return { ok: false, error: `Please keep the title to ${MAX_TITLE_LENGTH} characters or fewer.` }
  }
  return { ok: true, value: { title: title.trim() } }
}
