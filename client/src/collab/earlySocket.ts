import { COMMONMAP_SCHEMA_FINGERPRINT } from '../../../shared/commonmapSchemaFingerprint'
import {
  boardIdInPath,
  isBoardId,
  PROTOCOL_VERSION,
  WS_PATH,
  WS_QUERY,
} from '../../../shared/protocol'
import { identityKey } from '../common/identityKey'

/** Where y-websocket connects for a board: its `serverUrl`, room name and `params`. */
export interface BoardSocketAddress {
  readonly serverUrl: string
  readonly boardId: string
  readonly params: Record<string, string>
}

/** The socket address of a board on this page's server, for the person whose token it is. */
export function boardSocketAddress(boardId: string, token: string): BoardSocketAddress {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return {
    serverUrl: `${scheme}//${window.location.host}${WS_PATH}`,
    boardId,
    params: {
      [WS_QUERY.protocolVersion]: String(PROTOCOL_VERSION),
      [WS_QUERY.schemaFingerprint]: COMMONMAP_SCHEMA_FINGERPRINT,
      [WS_QUERY.token]: token,
    },
  }
}

/** The URL y-websocket opens for `address` (its `serverUrl/room?params`). */
export function boardSocketUrl({ serverUrl, boardId, params }: BoardSocketAddress): string {
  return `${serverUrl}/${boardId}?${new URLSearchParams(params)}`
}

/**
 * A socket nobody took is closed after this long: by then the page has chosen not to use it
 * (the remembered identity turned out not to be valid), and the server should not keep it.
 */
const UNTAKEN_MS = 60_000

interface EarlySocket {
  readonly url: string
  readonly socket: WebSocket
  /** What the server sent before a session took the socket, in order. */
  readonly received: MessageEvent[]
  readonly keep: (event: MessageEvent) => void
  readonly timer: ReturnType<typeof setTimeout>
}

let early: EarlySocket | undefined

/**
 * On a board's page, for a person this device knows, opens the board's socket at once: the
 * first thing the page runs (board.html loads it beside everything else), long before the
 * page's code has arrived. On a slow phone connection that takes seconds, and the handshake
 * and the board's first sync, each a round trip, happen meanwhile instead of after. What the
 * server sends is kept until the board's session takes the socket ({@link takeOrOpenSocket}).
 */
export function openBoardSocketEarly(pathname: string): void {
  const boardId = boardIdInPath(pathname)
  if (early || !boardId || !isBoardId(boardId)) return
  const token = rememberedToken(boardId)
  if (!token) return
  const url = boardSocketUrl(boardSocketAddress(boardId, token))
  const socket = new WebSocket(url)
  // As y-websocket sets it: the kept messages are handed to it as they came.
  socket.binaryType = 'arraybuffer'
  const received: MessageEvent[] = []
  const keep = (event: MessageEvent) => received.push(event)
  socket.addEventListener('message', keep)
  const timer = setTimeout(() => {
    if (early?.socket !== socket) return
    early = undefined
    socket.close()
  }, UNTAKEN_MS)
  early = { url, socket, received, keep, timer }
}

/** The token of this device's identity on a board, unchecked (the server checks it). */
function rememberedToken(boardId: string): string | undefined {
  try {
    const token: unknown = JSON.parse(localStorage.getItem(identityKey(boardId)) ?? 'null')?.token
    return typeof token === 'string' ? token : undefined
  } catch {
    return undefined
  }
}

/**
 * y-websocket's `WebSocketPolyfill`: the socket opened early when it is for the same `url` and
 * still open, else a new one. y-websocket sets its handlers right after construction; once it
 * has, a socket that is open already gets its `open` event and then what the server sent, in
 * the order a new socket would have delivered them.
 */
export function takeOrOpenSocket(url: string, protocols?: string | string[]): WebSocket {
  const taken = early
  early = undefined
  if (taken) clearTimeout(taken.timer)
  if (!taken || taken.url !== url || taken.socket.readyState > WebSocket.OPEN) {
    taken?.socket.close()
    return new WebSocket(url, protocols)
  }
  const { socket, received, keep } = taken
  queueMicrotask(() => {
    socket.removeEventListener('message', keep)
    if (socket.readyState !== WebSocket.OPEN) return
    socket.onopen?.(new Event('open'))
    for (const event of received) socket.onmessage?.(event)
  })
  return socket
}
