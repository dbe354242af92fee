import type { RawData, WebSocket } from 'ws'
import { CloseCode } from '../../shared/closeCodes'
import { assertNever } from '../assertNever'
import type { Logger } from '../logger'
import type { RoomConnection, RoomSocket } from '../room/Room'
import type { ConnectionIdentity } from '../room/RoomPlugin'
import type { RoomRegistry } from '../room/RoomRegistry'
import { coalescingSend } from './coalescingSend'

/** Options of {@link acceptBoardSocket}. */
export interface BoardSocketOptions {
  readonly registry: RoomRegistry
  /** Rate-limited: everything logged here can be triggered by a client. */
  readonly logger: Logger
  /** Frames a client may send while its room loads; beyond this the socket is closed as slow. */
  readonly maxQueuedBytes: number
  /**
   * Who the socket belongs to, established from their token before the room is joined; resolves
   * to undefined after it closed the socket with the reason it was refused.
   */
  readonly admit: () => Promise<ConnectionIdentity | undefined>
}

/**
 * Binds an upgraded `ws` socket to a board's room: the thin adapter between the network and
 * the pure room core. Frames that arrive while the socket is admitted and the room loads are
 * queued, not dropped: the client's sync step 1 is usually among them.
 */
export function acceptBoardSocket(
  socket: WebSocket,
  boardId: string,
  { registry, logger, maxQueuedBytes, admit }: BoardSocketOptions,
): void {
  const roomSocket: RoomSocket = {
    send: coalescingSend(socket),
    close: (code, reason) => socket.close(code, reason),
    terminate: () => socket.terminate(),
    get bufferedAmount() {
      return socket.bufferedAmount
    },
  }
  let connection: RoomConnection | undefined
  let queue: Buffer[] = []
  let queuedBytes = 0
  let closed = false

  // Without an error listener, a bad frame (invalid RSV bits, oversized payload) would be an
  // uncaught exception that takes down every board on the process.
  socket.on('error', (error: Error & { code?: string }) => {
    const tooBig = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
    logger.warn(tooBig ? 'message.too-big' : 'socket.error', {
      boardId,
      connectionId: connection?.id,
      error,
    })
  })
  socket.on('message', (data: RawData) => {
    const frame = data as Buffer
    if (connection) return connection.receive(frame)
    queuedBytes += frame.byteLength
    if (queuedBytes > maxQueuedBytes) {
      socket.close(CloseCode.SlowConnection, 'Too much was sent before the board was ready.')
      return
    }
    queue.push(frame)
  })
  socket.on('close', () => {
    closed = true
    connection?.disconnect()
  })

  const join = async () => {
    const identity = await admit()
    return identity && registry.join(boardId, roomSocket, identity)
  }
  join().then(
    (result) => {
      if (!result) return
      switch (result.kind) {
        case 'joined':
          if (closed) return result.connection.disconnect()
          connection = result.connection
          for (const frame of queue) connection.receive(frame)
          queue = []
          return
        case 'not-found':
          return socket.close(CloseCode.BoardNotFound, 'This board does not exist.')
        case 'closing':
          return socket.close(CloseCode.ServiceRestart, 'The server is restarting.')
        default:
          assertNever(result)
      }
    },
    (error: unknown) => {
      logger.error('room.load-failed', { boardId, error })
      socket.close(CloseCode.StorageFailed, 'The board could not be loaded.')
    },
  )
}
