import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { ApiPath } from '../shared/api'
import { CloseCode, REMOVED_REASON, explainClose } from '../shared/closeCodes'
import { availableParallelism } from 'node:os'
import {
  DEFAULT_MAX_ASSET_BYTES,
  DEFAULT_MAX_BOARD_BYTES,
  DEFAULT_MAX_IMPORT_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_PRESENCE_BYTES,
  DEFAULT_PER_MINUTE,
  DEFAULT_PRESENCE_PER_SECOND,
  DEFAULT_UPDATES_PER_SECOND,
  DEFAULT_WORK_QUEUE,
} from '../shared/limits'
import { PROTOCOL_VERSION, WS_PATH, WS_QUERY, boardPath, isBoardId } from '../shared/protocol'
import { COMMONMAP_SCHEMA_FINGERPRINT } from '../shared/commonmapSchemaFingerprint'
import { AddressLimits, type PerMinuteLimits } from './http/AddressLimits'
import { createApiHandler } from './http/apiRoutes'
import { authenticate } from './identity/participantTokens'
import { authenticateWatch, isWatchToken } from './identity/watchTokens'
import { publicAddress } from './http/publicAddress'
import { sendError } from './http/respond'
import { ServedOrigins } from './http/ServedOrigins'
import { createJsonLogger, rateLimitLogger, type Logger } from './logger'
import { lazyBoardRoomSetup } from './plugins/lazyBoardRoomSetup'
import type { ConnectionIdentity } from './room/RoomPlugin'
import { RoomRegistry } from './room/RoomRegistry'
import type { AssetStore } from './storage/AssetStore'
import type { Storage } from './storage/Storage'
import { TurnBatchedLog } from './storage/TurnBatchedLog'
import { isBatchAppender } from './storage/UpdateLog'
import { acceptBoardSocket } from './ws/acceptBoardSocket'
import { createWorkPool } from './work/createWorkPool'
import { Heartbeat } from './ws/Heartbeat'

/** Options of {@link createCommonmapServer}. */
export interface CommonmapServerOptions {
  /** Where boards live. The caller owns it: close it after the server has closed. */
  readonly storage: Storage
  /** Where pictures people add to boards are kept (beside the database, or in it). */
  readonly assets: AssetStore
  /** TCP port (default 8080; 0 picks a free port). */
  readonly port?: number
  /** Address to listen on (default 127.0.0.1, this computer only; 0.0.0.0 for the room). */
  readonly host?: string
  /** Largest WebSocket frame accepted; larger frames close the socket with 1009. */
  readonly maxMessageBytes?: number
  /** Largest picture accepted, in bytes. */
  readonly maxAssetBytes?: number
  /** Largest board file that can be opened as a new board, in bytes (default 32 MiB). */
  readonly maxImportBytes?: number
  /** Largest JSON request body, in bytes (default 64 KiB). */
  readonly maxJsonBytes?: number
  /** Bytes that may wait to be sent to one socket before it is closed as too slow (16 MiB). */
  readonly maxBufferedBytes?: number
  /** Largest awareness state (cursor, name…) relayed, in bytes of JSON (default 64 KiB). */
  readonly maxAwarenessStateBytes?: number
  /** Largest a board's document may grow to, encoded (default `DEFAULT_MAX_BOARD_BYTES`). */
  readonly maxBoardBytes?: number
  /** Changes to a board per connection per second (default `DEFAULT_UPDATES_PER_SECOND`). */
  readonly updatesPerSecond?: number
  /** Presence updates per connection per second (default `DEFAULT_PRESENCE_PER_SECOND`). */
  readonly presencePerSecond?: number
  /**
   * Worker threads for imports and exports (default: one fewer than the cores, from 1 to 2, so
   * the event loop that relays edits keeps a core).
   */
  readonly workThreads?: number
  /** Imports and exports that may wait for a thread; more are answered 503 (default 32). */
  readonly workQueue?: number
  /** What one address may do per minute; more is answered 429 (defaults: `DEFAULT_PER_MINUTE`). */
  readonly perMinute?: Partial<PerMinuteLimits>
  /**
   * Origins a reverse proxy serves Commonmap under, e.g. `https://map.example.org`. Requests that
   * change something, and board sockets, are refused from any origin but these and the server's
   * own (its port on this computer's names and addresses).
   */
  readonly allowedOrigins?: readonly string[]
  /**
   * True behind a reverse proxy: the per-address limits count the address the proxy puts last
   * in `X-Forwarded-For` rather than the proxy's own (default false: the header could be forged).
   */
  readonly trustProxy?: boolean
  /** How long an empty room stays in memory, in ms (default 30 s). */
  readonly roomIdleMs?: number
  /** Interval between WebSocket pings; a socket that misses one is dropped (default 30 s). */
  readonly heartbeatMs?: number
  /**
   * Answers every request that is not for the API or a board socket: a static handler for the
   * built app in production, Vite's middleware in development. Without it such requests get 404.
   */
  readonly serveClient?: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>
  /** Where JSON log lines go (default: stderr). */
  readonly logger?: Logger
  /**
   * Keep the contribution ledger (default true). A benchmarking switch only: the bench runs the
   * server once without it to report what the ledger costs. Never turn it off for real boards.
   */
  readonly ledger?: boolean
}

/** A running server. */
export interface CommonmapServer {
  /** The URL to open (with the real port when listening on port 0). */
  readonly url: string
  /** The origin other devices can use, or null when listening on loopback only. */
  readonly shareOrigin: string | null
  readonly httpServer: Server
  /**
   * Stops accepting connections, closes every board socket with 1012 (service restart) so
   * clients reconnect to the next server, and releases timers. Does not close the storage.
   */
  close(): Promise<void>
}

/**
 * Starts Commonmap on one port: the JSON API, board WebSockets at `/ws/<boardId>` speaking the
 * y-websocket protocol, and (through `serveClient`) the web app.
 */
export async function createCommonmapServer(
  options: CommonmapServerOptions,
): Promise<CommonmapServer> {
  const logger = options.logger ?? createJsonLogger()
  // Anything a client can trigger is logged through this, so a flood cannot fill the disk.
  const clientLogger = rateLimitLogger(logger)
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
  const maxBufferedBytes = options.maxBufferedBytes ?? 16 * 1024 * 1024
  const { repository, ownership, events } = options.storage
  // Appends of one turn, from every board, are stored in one transaction when the log can.
  const log = isBatchAppender(options.storage.log)
    ? new TurnBatchedLog(options.storage.log)
    : options.storage.log
  const boardPlugins = lazyBoardRoomSetup({
    repository,
    logger: clientLogger,
    ledger: options.ledger ?? true,
  })
  const registry = new RoomRegistry({
    log,
    ownership,
    setup: boardPlugins.setup,
    logger: clientLogger,
    idleUnloadMs: options.roomIdleMs ?? 30_000,
    maxBufferedBytes,
    maxAwarenessStateBytes: options.maxAwarenessStateBytes ?? DEFAULT_MAX_PRESENCE_BYTES,
    limits: {
      maxBoardBytes: options.maxBoardBytes ?? DEFAULT_MAX_BOARD_BYTES,
      rates: {
        updatesPerSecond: options.updatesPerSecond ?? DEFAULT_UPDATES_PER_SECOND,
        presencePerSecond: options.presencePerSecond ?? DEFAULT_PRESENCE_PER_SECOND,
      },
    },
  })
  const heartbeat = new Heartbeat(options.heartbeatMs ?? 30_000)
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxMessageBytes,
    // Compression would cost CPU on every relayed cursor move; the LAN has bandwidth to spare.
    perMessageDeflate: false,
  })

  const httpServer = createServer()
  // Behind a proxy (HAProxy, a cloud load balancer) a kept-alive connection must be closed by the
  // proxy, never by Node first: Node's default of 5 s races the proxy reusing the connection,
  // and the request it sends as Node closes it is answered 502. Proxies drop idle ones sooner.
  httpServer.keepAliveTimeout = 75_000
  httpServer.headersTimeout = 76_000
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      httpServer.off('error', reject)
      resolve()
    })
  })
  const port = (httpServer.address() as AddressInfo).port
  const address = publicAddress(options.host ?? '127.0.0.1', port)

  const work = createWorkPool({
    threads: options.workThreads ?? Math.min(2, Math.max(1, availableParallelism() - 1)),
    maxQueued: options.workQueue ?? DEFAULT_WORK_QUEUE,
    timeoutMs: 60_000,
    maxHeapMb: 512,
  })
  const origins = new ServedOrigins({
    host: options.host ?? '127.0.0.1',
    port,
    extra: options.allowedOrigins ?? [],
  })
  const clientAddress = (req: IncomingMessage): string => {
    const forwarded = options.trustProxy ? req.headers['x-forwarded-for'] : undefined
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').at(-1)
    return last?.trim() || req.socket.remoteAddress || 'unknown'
  }

  const api = createApiHandler({
    storage: options.storage,
    repository,
    assets: options.assets,
    logger,
    shareOrigin: address.shareOrigin,
    fallbackOrigin: address.url,
    maxJsonBytes: options.maxJsonBytes ?? 64 * 1024,
    maxAssetBytes: options.maxAssetBytes ?? DEFAULT_MAX_ASSET_BYTES,
    maxImportBytes: options.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES,
    work,
    addressLimits: new AddressLimits({ ...DEFAULT_PER_MINUTE, ...options.perMinute }),
    origins,
    clientAddress,
    notify: (boardId, event) => {
      void registry.notify(boardId, event)
      // The board's room may be loaded by another process of the cluster.
      events?.publish(boardId, event)
    },
  })
  const stopHearing = events?.subscribe((boardId, event) => void registry.notify(boardId, event))

  const handleRequest = async (req: IncomingMessage, res: ServerResponse) => {
    // A board's page or its API: its socket follows in a moment.
    if (req.url?.startsWith(ApiPath.boards) || req.url?.startsWith(boardPath(''))) {
      boardPlugins.preload()
    }
    if (await api(req, res)) return
    if (options.serveClient) return options.serveClient(req, res)
    sendError(res, 404, 'There is nothing at this address.')
  }
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handleRequest(req, res).catch((error: unknown) => {
      logger.error('http.failed', { method: req.method, url: req.url, error })
      if (!res.headersSent)
        sendError(res, 500, 'Something went wrong on the server. Please try again.')
      else res.destroy()
    })
  })

  let closing = false
  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const url = new URL(req.url ?? '/', 'http://x')
    if (!url.pathname.startsWith(`${WS_PATH}/`)) {
      // Someone else (Vite's dev server) may handle upgrades for other paths.
      if (httpServer.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404, 'Not Found')
      return
    }
    if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable')
    // Any page a browser opens can reach a server on its computer or network: only the app's own
    // pages may open a board socket. Browsers always send Origin on WebSocket handshakes.
    const origin = req.headers.origin
    if (origin !== undefined && !origins.has(origin)) {
      clientLogger.info('socket.cross-site', { origin })
      return refuseUpgrade(socket, 403, 'Forbidden')
    }
    boardPlugins.preload()
    wss.handleUpgrade(req, socket, head, (ws) => {
      heartbeat.watch(ws)
      acceptBoardSocket(ws, url.pathname.slice(WS_PATH.length + 1), {
        registry,
        logger: clientLogger,
        maxQueuedBytes: maxBufferedBytes,
        admit: () => admit(ws, url),
      })
    })
  }

  /**
   * Who a board socket belongs to, or undefined after closing it with the reason. Refusals
   * happen after the upgrade, with a close code, because a browser's WebSocket never sees the
   * status of a refused handshake and could not tell people why.
   */
  const admit = async (ws: WebSocket, url: URL): Promise<ConnectionIdentity | undefined> => {
    // Not URL-decoded: board ids are base64url, so anything with an escape is no board.
    const boardId = url.pathname.slice(WS_PATH.length + 1)
    const version = url.searchParams.get(WS_QUERY.protocolVersion)
    const schema = url.searchParams.get(WS_QUERY.schemaFingerprint)
    const refuse = (code: number, reason: string) => {
      ws.on('error', () => {})
      ws.close(code, reason)
      return undefined
    }
    if (
      (version !== null && version !== String(PROTOCOL_VERSION)) ||
      (schema !== null && schema !== COMMONMAP_SCHEMA_FINGERPRINT)
    ) {
      clientLogger.info('socket.outdated', { boardId, version, schema })
      return refuse(CloseCode.ClientOutdated, 'Commonmap has been updated; please reload.')
    }
    if (!isBoardId(boardId) || !(await repository.getBoard(boardId))) {
      return refuse(CloseCode.BoardNotFound, 'This board does not exist.')
    }
    // Who this is, before the room is joined: a connection never sees a board it may not.
    const token = url.searchParams.get(WS_QUERY.token)
    if (isWatchToken(token)) {
      const watch = await authenticateWatch(repository, boardId, token)
      if (watch.kind === 'ok') {
        return { participantId: null, capabilities: ['view'], watchLinkId: watch.link.id }
      }
      clientLogger.info('socket.refused', { boardId, reason: `watch-${watch.kind}` })
      if (watch.kind === 'revoked') {
        return refuse(CloseCode.LinkRevoked, explainClose(CloseCode.LinkRevoked).message)
      }
      return watch.kind === 'other-board'
        ? refuse(CloseCode.Forbidden, 'This link is for another board.')
        : refuse(CloseCode.NotAuthenticated, 'A valid link is needed.')
    }
    const auth = await authenticate(repository, boardId, token)
    if (auth.kind === 'ok') {
      return { participantId: auth.participant.id, capabilities: auth.participant.capabilities }
    }
    clientLogger.info('socket.refused', { boardId, reason: auth.kind })
    switch (auth.kind) {
      case 'other-board':
        return refuse(CloseCode.Forbidden, 'This token is for another board.')
      case 'removed':
        return refuse(CloseCode.NotAuthenticated, REMOVED_REASON)
      default:
        return refuse(CloseCode.NotAuthenticated, 'A valid participant token is needed.')
    }
  }
  httpServer.on('upgrade', handleUpgrade)

  return {
    url: address.url,
    shareOrigin: address.shareOrigin,
    httpServer,
    async close() {
      if (closing) return
      closing = true
      stopHearing?.()
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()))
      httpServer.closeIdleConnections()
      heartbeat.stop()
      await registry.close(CloseCode.ServiceRestart, 'The server is restarting.')
      // Give each socket its close frame, then drop whoever has not finished the handshake.
      await Promise.all(
        [...wss.clients].map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === ws.CLOSED) return resolve()
              ws.once('close', () => resolve())
              ws.close(CloseCode.ServiceRestart, 'The server is restarting.')
              setTimeout(() => ws.terminate(), 1000).unref()
            }),
        ),
      )
      wss.close()
      await work.close()
      httpServer.off('upgrade', handleUpgrade)
      httpServer.closeAllConnections()
      await stopped
    },
  }
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}
