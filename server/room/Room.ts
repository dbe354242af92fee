import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { assertNever } from '../assertNever'
import type { Logger } from '../logger'
import {
  decodeAwarenessEntries,
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './wireMessages'

/**
 * The little a room needs from a transport. The `ws` adapter implements it for real sockets;
 * tests implement it with in-memory queues.
 */
export interface RoomSocket {
  /** Queues one binary frame. The room may pass the same bytes to many sockets. */
  send(frame: Uint8Array): void
  /** Closes the socket; the room has already forgotten the connection when it calls this. */
  close(code: number, reason: string): void
  /** Bytes queued but not yet written; the room closes sockets that fall too far behind. */
  readonly bufferedAmount: number
}

/** A socket's membership of a room, as the transport sees it. */
export interface RoomConnection {
  /** Short id for logs, unique within the room. */
  readonly id: string
  /** Hands the room one frame received on this connection. */
  receive(frame: Uint8Array): void
  /** Tells the room the socket has closed. Safe to call more than once. */
  disconnect(): void
}

/** Options of {@link Room}. */
export interface RoomOptions {
  /** The board this room serves (for logs). */
  readonly boardId: string
  /** The board's document, already restored from storage. The room owns it from now on. */
  readonly doc: Y.Doc
  /**
   * The document's complete state as one V1 update, when the caller has it anyway (right after
   * loading a snapshot with no newer updates). The first client that joins empty gets these
   * bytes as they are, sparing a full re-encode of a large board.
   */
  readonly fullState?: Uint8Array
  /**
   * Makes one update durable. Called synchronously for every update the document accepts, and
   * always before the update is relayed; it throws when the update could not be stored.
   */
  readonly persistUpdate: (update: Uint8Array) => void
  /** Where bad input and failures are reported; client-triggered events should be rate-limited. */
  readonly logger: Logger
  /** A connection with more bytes than this waiting to be sent is closed as too slow. */
  readonly maxBufferedBytes: number
  /** Awareness states (cursor, name…) larger than this, in bytes of JSON, are dropped. */
  readonly maxAwarenessStateBytes: number
  /** Called whenever the last connection leaves. */
  readonly onIdle?: (room: Room) => void
  /**
   * Called once when storing an update failed. The room has closed every connection and must
   * be dropped: its in-memory document holds an update that is not on disk.
   */
  readonly onBroken?: (room: Room) => void
}

/**
 * One connection. It is also the transaction origin of every update it sends, so the update
 * pipeline knows who made each change (and does not echo it back to them).
 */
class Connection implements RoomConnection {
  /** Awareness client ids this connection speaks for. */
  readonly awarenessClients = new Set<number>()

  constructor(
    readonly id: string,
    readonly socket: RoomSocket,
    private readonly room: Room,
  ) {}

  receive(frame: Uint8Array): void {
    this.room.receive(this, frame)
  }

  disconnect(): void {
    this.room.disconnect(this)
  }
}

const EMPTY_STATE_VECTOR_LENGTH = 1

/**
 * One board in memory: its Yjs document, its awareness (cursors, never stored) and the
 * connections editing it. Speaks the y-websocket protocol over {@link RoomSocket}s and knows
 * nothing about the network, so it can be tested with in-memory sockets.
 *
 * Every accepted update goes through one pipeline ({@link Room.handleDocUpdate}): store,
 * then relay. Storing first is what makes a crash lose nothing anyone has seen.
 */
export class Room {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly awareness: Awareness
  private readonly connections = new Set<Connection>()
  /** Which connection speaks for each awareness client id; others may not claim it. */
  private readonly awarenessOwners = new Map<number, Connection>()
  private readonly disposers: (() => void)[] = []
  private fullState: Uint8Array | undefined
  /** Sync step 2 for a client with an empty document; dropped on every update. */
  private fullStateFrame: Uint8Array | undefined
  private nextConnectionId = 1
  private closed = false

  constructor(private readonly options: RoomOptions) {
    this.boardId = options.boardId
    this.doc = options.doc
    this.fullState = options.fullState
    this.awareness = new Awareness(this.doc)
    // The server is not a participant: without this every client would see it as a peer.
    this.awareness.setLocalState(null)
    this.doc.on('update', this.handleDocUpdate)
    this.awareness.on('update', this.handleAwarenessChange)
    this.disposers.push(
      () => this.doc.off('update', this.handleDocUpdate),
      () => this.awareness.off('update', this.handleAwarenessChange),
      () => this.awareness.destroy(),
    )
  }

  /** How many connections are in the room. */
  get connectionCount(): number {
    return this.connections.size
  }

  /** True once the room was closed or broke; it accepts no connections after that. */
  get isClosed(): boolean {
    return this.closed
  }

  /** Adds a connection and starts the sync handshake on it. */
  connect(socket: RoomSocket): RoomConnection {
    if (this.closed) throw new Error(`Room ${this.boardId} is closed`)
    const connection = new Connection(`c${this.nextConnectionId++}`, socket, this)
    this.connections.add(connection)
    this.send(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)))
    this.sendAllAwareness(connection)
    return connection
  }

  /** Closes every connection with `code` and accepts none after. Does not call `onIdle`. */
  closeAll(code: number, reason: string): void {
    this.closed = true
    for (const connection of this.connections) connection.socket.close(code, reason)
    this.connections.clear()
    this.awarenessOwners.clear()
  }

  /** Releases the document, awareness and listeners. Call after {@link closeAll}. */
  destroy(): void {
    this.closed = true
    for (const dispose of this.disposers.splice(0)) dispose()
    this.doc.destroy()
  }

  /** @internal Use {@link RoomConnection.receive}. */
  receive(connection: Connection, frame: Uint8Array): void {
    // A socket may still deliver frames that were queued before the room closed it.
    if (!this.connections.has(connection)) return
    try {
      const message = decodeClientMessage(frame)
      switch (message.type) {
        case 'sync-step-1':
          this.send(connection, this.syncStep2For(message.stateVector))
          break
        case 'sync-step-2':
        case 'update':
          // V1 only (applyUpdate, never applyUpdateV2): V2 decoding of untrusted bytes can hang
          // (yjs#687). The connection is the transaction origin; see handleDocUpdate.
          Y.applyUpdate(this.doc, message.update, connection)
          break
        case 'awareness':
          this.receiveAwareness(connection, frame, message.update)
          break
        case 'query-awareness':
          this.sendAllAwareness(connection)
          break
        case 'auth':
          break
        default:
          assertNever(message)
      }
    } catch (error) {
      this.options.logger.warn('message.malformed', {
        boardId: this.boardId,
        connectionId: connection.id,
        error,
      })
      this.close(connection, CloseCode.MalformedMessage, 'The board could not read a message.')
    }
  }

  /** @internal Use {@link RoomConnection.disconnect}. */
  disconnect(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    const owned = [...connection.awarenessClients]
    for (const clientId of owned) this.awarenessOwners.delete(clientId)
    connection.awarenessClients.clear()
    // Tells everyone else this person's cursor is gone (broadcast by handleAwarenessChange).
    removeAwarenessStates(this.awareness, owned, 'disconnect')
    // Forget their clocks too. y-protocols ignores a state whose clock it has already seen, and a
    // client that reconnects re-sends its state with the same clock: without this the room
    // would not show them again until their next awareness change.
    for (const clientId of owned) this.awareness.meta.delete(clientId)
    if (this.connections.size === 0) this.options.onIdle?.(this)
  }

  /**
   * The update pipeline: every change to the document, from any connection, passes here once.
   * The later contribution ledger belongs here too: the transaction origin is the sending
   * connection, and the transaction lists the records that changed.
   */
  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.closed) return
    try {
      this.options.persistUpdate(update)
    } catch (error) {
      this.break(error)
      return
    }
    this.fullState = undefined
    this.fullStateFrame = undefined
    const frame = encodeUpdate(update)
    for (const connection of this.connections) {
      if (connection !== origin) this.send(connection, frame)
    }
  }

  /** Storage failed: relay nothing, close everyone, and let the registry drop this room. */
  private break(error: unknown): void {
    this.options.logger.error('storage.append-failed', { boardId: this.boardId, error })
    this.closeAll(CloseCode.StorageFailed, 'The server could not save the latest change.')
    this.options.onBroken?.(this)
  }

  private syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (stateVector.byteLength !== EMPTY_STATE_VECTOR_LENGTH || stateVector[0] !== 0) {
      return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector))
    }
    this.fullStateFrame ??= encodeSyncStep2(this.fullState ?? Y.encodeStateAsUpdate(this.doc))
    this.fullState = undefined
    return this.fullStateFrame
  }

  private receiveAwareness(connection: Connection, frame: Uint8Array, update: Uint8Array): void {
    const entries = decodeAwarenessEntries(update)
    const accepted = entries.filter((entry) => {
      const owner = this.awarenessOwners.get(entry.clientId)
      return (
        (owner === undefined || owner === connection) &&
        entry.state.byteLength <= this.options.maxAwarenessStateBytes
      )
    })
    if (accepted.length < entries.length) {
      this.options.logger.warn('awareness.refused', {
        boardId: this.boardId,
        connectionId: connection.id,
        refused: entries.length - accepted.length,
      })
    }
    if (accepted.length === 0) return
    // Claimed before applying, so whatever this update leaves behind leaves with the connection.
    for (const { clientId } of accepted) {
      this.awarenessOwners.set(clientId, connection)
      connection.awarenessClients.add(clientId)
    }
    const allAccepted = accepted.length === entries.length
    const applied = allAccepted ? update : encodeAwarenessEntries(accepted)
    applyAwarenessUpdate(this.awareness, applied, connection)
    // Relay the frame as received when it was accepted whole: no re-encoding on the busiest
    // path (cursors). The sender gets it too: y-websocket takes its own echoed awareness as the
    // sign that an idle connection is still alive.
    const relayed = allAccepted ? frame : encodeAwareness(applied)
    for (const other of this.connections) this.send(other, relayed)
  }

  /** Releases ownership of departed clients and relays changes the room itself made. */
  private readonly handleAwarenessChange = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    for (const clientId of change.removed) {
      this.awarenessOwners.get(clientId)?.awarenessClients.delete(clientId)
      this.awarenessOwners.delete(clientId)
    }
    // Updates from a connection were relayed as received (receiveAwareness).
    if (origin instanceof Connection) return
    const changed = [...change.added, ...change.updated, ...change.removed]
    if (changed.length === 0) return
    const frame = encodeAwareness(encodeAwarenessUpdate(this.awareness, changed))
    for (const connection of this.connections) this.send(connection, frame)
  }

  private sendAllAwareness(connection: Connection): void {
    if (this.awareness.states.size === 0) return
    const clients = [...this.awareness.states.keys()]
    this.send(connection, encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)))
  }

  private send(connection: Connection, frame: Uint8Array): void {
    if (connection.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.options.logger.warn('connection.slow', {
        boardId: this.boardId,
        connectionId: connection.id,
        bufferedAmount: connection.socket.bufferedAmount,
      })
      this.close(connection, CloseCode.SlowConnection, 'This connection fell too far behind.')
      return
    }
    connection.socket.send(frame)
  }

  private close(connection: Connection, code: number, reason: string): void {
    if (!this.connections.has(connection)) return
    connection.socket.close(code, reason)
    this.disconnect(connection)
  }
}
