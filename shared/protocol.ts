import type { SerializedSchema } from '@tldraw/store'

/**
 * Version of Commonmap's wire contract (URLs, close codes, message types, document layout). Bump
 * it when a change means an older client must not talk to a newer server. 2: server-owned state
 * left the document for the `serverState` message. 3: the voice balance counts people who chose
 * not to be named apart from every role (`notNamed`).
 */
export const PROTOCOL_VERSION = 3

/** Path prefix of the WebSocket endpoint: a board's socket lives at `/ws/<boardId>`. */
export const WS_PATH = '/ws'

/**
 * Query parameters a Commonmap client adds to its WebSocket URL. Both are optional so that a
 * plain y-websocket client (a script, a test) can still connect; when present they must match
 * the server's, or the connection is closed with `CloseCode.ClientOutdated`.
 */
export const WS_QUERY = {
  protocolVersion: 'v',
  schemaFingerprint: 'schema',
  /**
   * The participant's token (shared/participant.ts). Required: a connection without a valid
   * token for this board is closed with 4401 (or 4403 for another board's token) before it
   * joins the room. A query parameter because a browser's WebSocket cannot send headers.
   */
  token: 'token',
} as const

/**
 * Message types Commonmap adds to the y-websocket framing (a varUint type, then a payload).
 * y-websocket's own are 0 (sync), 1 (awareness), 2 (auth) and 3 (query awareness).
 *
 * - `writingFor` (client → server): a varString of JSON {@link WritingForRequest}. From then
 *   on, what this connection adds is credited to that person, with the sender recorded as
 *   having written it down. The server checks the person is someone without a device on this
 *   board, and answers with `writingForReply`.
 * - `writingForReply` (server → client): a varString of JSON {@link WritingForReply}.
 * - `serverState` (server → client): a varString of JSON `ServerStateMessage`
 *   (shared/serverState.ts): what only the server decides (people, attribution, licence…), a
 *   snapshot when the connection joins, then changes.
 * - `notice` (server → client): a varString of JSON `ServerNotice` (shared/serverState.ts): the
 *   server refused something this connection sent, in plain words.
 */
export const CommonmapMessage = {
  writingFor: 100,
  writingForReply: 101,
  serverState: 102,
  notice: 103,
} as const

/**
 * The largest payload (the bytes after the message type) the server accepts for each message a
 * client may send besides y-websocket's own, checked before anything in it is parsed: a message
 * needs no more than what it carries, and a larger one closes its connection as malformed
 * (`CloseCode.MalformedMessage`). `writingFor` carries one participant id.
 */
export const MAX_CLIENT_PAYLOAD_BYTES = {
  [CommonmapMessage.writingFor]: 256,
} as const

/** Who this connection is adding things for: a participant id, or null for themselves. */
export interface WritingForRequest {
  readonly for: string | null
}

/** The server's answer to a {@link WritingForRequest}: the choice in force after it. */
export interface WritingForReply {
  readonly for: string | null
  /** Set when the request was refused, in plain words. */
  readonly error?: string
}

/** Board ids: 16 random bytes (128 bits) in URL-safe base64, which is always 22 characters. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/

/** True when `value` has the shape of a board id (it may still be a board nobody created). */
export function isBoardId(value: unknown): value is string {
  return typeof value === 'string' && BOARD_ID_PATTERN.test(value)
}

/** The path of a board's page in the app, which is also the link people share. */
export function boardPath(boardId: string): string {
  return `/b/${boardId}`
}

/**
 * What stands where a board's id goes when `pathname` has the shape of {@link boardPath} (with
 * or without a trailing slash), else undefined. It may not be a valid id: see {@link isBoardId}.
 */
export function boardIdInPath(pathname: string): string | undefined {
  return /^\/b\/([^/]+)\/?$/.exec(pathname)?.[1]
}

/**
 * A short, stable fingerprint of a serialized tldraw schema. Two clients with the same
 * fingerprint run the same record types and migrations, so they can safely share a board.
 * Not a security measure: it only catches version skew.
 */
export function schemaFingerprint(schema: SerializedSchema): string {
  const canonical = JSON.stringify(schema, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  )
  // FNV-1a, 32 bit: small, dependency-free and plenty to tell versions apart.
  let hash = 0x811c9dc5
  for (let i = 0; i < canonical.length; i++) {
    hash ^= canonical.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(36)
}
