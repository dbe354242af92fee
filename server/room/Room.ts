import type { SerializedSchema } from '@tldraw/store'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CAPABILITIES, type Capability } from '../../shared/capabilities'
import { CloseCode, REMOVED_REASON } from '../../shared/closeCodes'
import { DocRoot } from '../../shared/docLayout'
import type { LedgerDraft } from '../../shared/ledger'
import { NOTICES, type ConnectionFacts, type NoticeCode } from '../../shared/serverState'
import { assertNever } from '../assertNever'
import type { Logger } from '../logger'
import {
  BoardMovedError,
  type Durable,
  type LogEntry,
  type StoredDocument,
} from '../storage/UpdateLog'
import type { BoardEvent } from './BoardEvent'
import { BoardSize } from './BoardSize'
import { ConnectionBudget, type ConnectionRates } from './ConnectionBudget'
import { DurablePipeline } from './DurablePipeline'
import { RecordMirror, type RecordChange } from './RecordMirror'
import type {
  ConnectionIdentity,
  ConnectionInfo,
  PluginContext,
  RecordWriter,
  RestoredDocument,
  RoomPlugin,
} from './RoomPlugin'
import { PresenceBatch, type RelayTimer } from './PresenceBatch'
import { PresenceReservations } from './PresenceReservations'
import { ServerStateHub } from './ServerStateHub'
import {
  type ClientMessage,
  MalformedMessageError,
  decodeAwarenessEntries,
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeNotice,
  encodeServerState,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  syncStep2Parts,
  updateParts,
  type MessageParts,
  type OutgoingMessage,
} from './wireMessages'
import { writesAnything } from './writesAnything'
import { applyUpdateIn, deleteContent, legacyMap } from './yjsItems'

export type { ConnectionIdentity } from './RoomPlugin'

/**
 * The little a room needs from a transport. The `ws` adapter implements it for real sockets;
 * tests implement it with in-memory queues.
 */
export interface RoomSocket {
  /**
   * Queues one binary message, whole or in parts to be sent as one message (see MessageParts).
   * The room may pass the same bytes to many sockets.
   */
  send(message: OutgoingMessage): void
  /** Closes the socket; the room has already forgotten the connection when it calls this. */
  close(code: number, reason: string): void
  /**
   * Drops the socket at once, discarding whatever is queued for it: a reader that fell far
   * behind, whose queued frames are let go now rather than after a closing handshake that
   * would wait behind them.
   */
  terminate(): void
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
  /** What storage holds for the board's document; the room rebuilds it in {@link Room.restore}. */
  readonly stored: StoredDocument
  /**
   * True when the stored snapshot is the whole document as clients should see it: nothing was
   * logged after it and nothing will be migrated. The first clients with an empty document are
   * then answered with it before the room has rebuilt its own copy.
   */
  readonly snapshotIsFinal: boolean
  /** Appends to the board's update log (see UpdateLog.append): durable before anything relays. */
  readonly append: (entry: LogEntry) => Durable
  /** The features plugged into this room, in the order their hooks run. */
  readonly plugins?: readonly RoomPlugin[]
  /** Server clock, epoch ms (default `Date.now`). */
  readonly now?: () => number
  /** Where bad input and failures are reported; client-triggered events should be rate-limited. */
  readonly logger: Logger
  /** A connection with more bytes than this waiting to be sent is closed as too slow. */
  readonly maxBufferedBytes: number
  /** Awareness states (cursor, name…) larger than this, in bytes of JSON, are dropped. */
  readonly maxAwarenessStateBytes: number
  /**
   * Largest the board's document may grow to, encoded (default: no limit). A change that would
   * add past it is refused and the sender told; deleting is always allowed.
   */
  readonly maxBoardBytes?: number
  /** What one connection may send per second (default: no limit); see ConnectionBudget. */
  readonly rates?: ConnectionRates
  /**
   * How long a departed connection's presence ids stay its participant's, in ms (default 30 s,
   * y-protocols' awareness timeout, after which everyone has forgotten the state anyway).
   */
  readonly presenceTimeoutMs?: number
  /** When presence changes are relayed, together (default: see PresenceBatch). */
  readonly presenceTimer?: RelayTimer
  /** Called whenever the last connection leaves. */
  readonly onIdle?: (room: Room) => void
  /**
   * Called once when the room broke (storing failed, or a failure inside the server): it has
   * closed every connection and must be dropped, its in-memory document cannot be trusted.
   */
  readonly onBroken?: (room: Room) => void
}

/** Why a room closes its connections when another process serves the board now. */
export const BOARD_MOVED_REASON = 'This board moved to another server.'

/** The origin of every transaction the server itself makes on a board's document. */
export const SERVER_ORIGIN = Symbol('commonmap-server')

/** How long after cutting a slow connection off the room still tells its person why. */
const CUT_OFF_MEMORY_MS = 5 * 60_000

/** A view-only connection that sends more changes than this after being told is closed. */
const MAX_REFUSED_WRITES = 20

/**
 * Presence ids one connection may speak for. The app has one (its document's client id); a
 * few more allow for a client whose id changed, and nobody can fill the room with ghosts.
 */
export const MAX_PRESENCE_IDS_PER_CONNECTION = 4

/** y-protocols forgets a remote presence state that was not renewed for this long. */
const PRESENCE_TIMEOUT_MS = 30_000

/**
 * One connection. It is also the transaction origin of every update it sends, so the update
 * pipeline knows who made each change (and does not echo it back to them).
 */
class Connection implements RoomConnection, ConnectionInfo {
  /** Awareness client ids this connection speaks for. */
  readonly awarenessClients = new Set<number>()
  /** True until the client's sync step 1 (its first frame, in practice) has arrived. */
  awaitingSyncStep1 = true
  /** True once it was sent the server state's snapshot: from then on it gets every patch. */
  hasServerState = false
  capabilities: ReadonlySet<Capability> = new Set()
  /** Changes dropped because it may not edit. */
  refusedWrites = 0
  /** Notices already sent, so each is said once. */
  readonly told = new Set<NoticeCode>()

  constructor(
    readonly id: string,
    readonly socket: RoomSocket,
    private readonly room: Room,
    readonly identity: ConnectionIdentity | undefined,
    /** What it may send per second; undefined when the room sets no rates. */
    readonly budget: ConnectionBudget | undefined,
  ) {}

  receive(frame: Uint8Array): void {
    this.room.receive(this, frame)
  }

  disconnect(): void {
    this.room.disconnect(this)
  }
}

const EMPTY_STATE_VECTOR_LENGTH = 1

/** An update that changes nothing. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())

/** Whether a finished transaction changed the document (when Yjs would emit an update). */
function changedAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true
  }
  return false
}

/** Sync step 2 with an empty update: "you have everything now". */
const NOTHING_MORE = encodeSyncStep2(EMPTY_UPDATE)

/** Longest a room waits for frames to drain before a step that blocks the event loop. */
const MAX_DRAIN_WAIT_MS = 100

function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === EMPTY_STATE_VECTOR_LENGTH && stateVector[0] === 0
}

/** Where a room is in its life. */
type Phase =
  | {
      readonly kind: 'restoring'
      /** What storage holds, until it is in the document (then it is let go: a board's worth). */
      readonly stored: StoredDocument
      /** Frames that need the document, in arrival order, replayed once it is restored. */
      readonly waiting: { connection: Connection; frame: Uint8Array }[]
      waitingBytes: number
      /** Board events that arrived meanwhile, handed to the plug-ins once they restored. */
      readonly events: BoardEvent[]
      /**
       * Empty clients sent the stored snapshot as a plain update, because it is not yet the
       * whole document (see RoomOptions.snapshotIsFinal): once the document is restored they
       * are sent the logged updates that applied, anything the server wrote while restoring,
       * and then their sync answer, so a client is only "synced" when it has everything.
       */
      readonly catchingUp: Set<Connection>
    }
  | { readonly kind: 'open' }
  | { readonly kind: 'closed' }

/**
 * One board in memory: the room core. It speaks the y-websocket protocol over
 * {@link RoomSocket}s and knows nothing about the network, so it can be tested with in-memory
 * sockets. It owns the Yjs document (only what people write: the `records` root), its awareness
 * (cursors, never stored), the connections, and the order of everything; the product's
 * features are {@link RoomPlugin}s.
 *
 * Every client update goes through one pipeline ({@link Room.applyClientUpdate}): a connection
 * without `edit` has it dropped; otherwise it is applied in a transaction in which the core reads
 * the record changes it made, deletes anything written outside the records, lets the plug-ins
 * refuse changes (undone in the same transaction, so Yjs's garbage collection drops their
 * content), and collects the plug-ins' ledger drafts. The transaction's one update is appended
 * to the log with the drafts and relayed only once that is durable ({@link DurablePipeline}), to
 * the sender too when something was refused, followed by whatever server state changed.
 *
 * A new room starts `restoring`: first the plug-ins load their state and every connection is
 * sent the server state, then the document is rebuilt (which blocks for 100+ ms on a large
 * board), after the first joiners with empty documents were already sent the stored snapshot:
 * they apply it while the server rebuilds, instead of after. Frames that need the document, and
 * board events, wait in order until the room is open. A client is synced once it has both the
 * document (its sync answer) and the server state.
 */
export class Room {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly awareness: Awareness
  /** Presence changes not yet relayed. */
  private readonly presence: PresenceBatch
  private readonly connections = new Set<Connection>()
  /** Which connection speaks for each awareness client id; others may not claim it. */
  private readonly awarenessOwners = new Map<number, Connection>()
  /** Ids of connections that left, kept for their participant through a reconnect. */
  private readonly presenceReservations: PresenceReservations
  /** The document's encoded size against its limit, once the document is restored. */
  private size: BoardSize | undefined
  private readonly disposers: (() => void)[] = []
  private readonly plugins: readonly RoomPlugin[]
  private readonly contexts = new Map<RoomPlugin, PluginContext>()
  /** The custom message types the plug-ins handle, and the largest payload of each. */
  private readonly customLimits = new Map<number, number>()
  private readonly hub = new ServerStateHub()
  private readonly pipeline: DurablePipeline
  private readonly now: () => number
  /**
   * The document's whole state as one update, for clients with an empty document: the stored
   * snapshot until the document changes, else encoded when first asked for. Dropped on every
   * update.
   */
  private fullState: Uint8Array | undefined
  private nextConnectionId = 1
  private phase: Phase
  /** The records as YKeyValue reads them; made once the document is restored. */
  private mirror: RecordMirror | undefined
  /**
   * The update the last transaction produced, caught from the document's `update` event, or a
   * client's change itself when it was taken whole (see `applyClientUpdate`).
   */
  private captured: Uint8Array | undefined
  private readonly capture = (update: Uint8Array) => {
    this.captured = update
  }
  /** True once every plug-in restored and connections can be sent the server state. */
  private stateReady = false
  /** When each participant's connection was last cut off as too slow, to tell them why. */
  private readonly cutOffAt = new Map<string, number>()
  /** The restore, once started. */
  private restoring: Promise<void> | undefined
  /** Board events are handed to the plug-ins one at a time, in arrival order. */
  private events: Promise<void> = Promise.resolve()

  private readonly options: Omit<RoomOptions, 'stored'>

  constructor({ stored, ...options }: RoomOptions) {
    this.options = options
    this.boardId = options.boardId
    this.plugins = options.plugins ?? []
    this.now = options.now ?? Date.now
    this.presenceReservations = new PresenceReservations(
      options.presenceTimeoutMs ?? PRESENCE_TIMEOUT_MS,
    )
    this.doc = new Y.Doc()
    this.pipeline = new DurablePipeline((error) =>
      error instanceof BoardMovedError
        ? this.break('storage.append-refused', error, 'moved')
        : this.break('storage.append-failed', error, 'storage'),
    )
    this.phase = {
      kind: 'restoring',
      stored,
      waiting: [],
      waitingBytes: 0,
      events: [],
      catchingUp: new Set(),
    }
    if (options.snapshotIsFinal) this.fullState = stored.snapshot
    this.awareness = new Awareness(this.doc)
    // The server is not a participant: without this every client would see it as a peer.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.handleAwarenessChange)
    this.presence = new PresenceBatch((frame) => {
      for (const connection of this.connections) this.send(connection, frame)
    }, options.presenceTimer)
    this.disposers.push(
      () => this.awareness.off('update', this.handleAwarenessChange),
      () => this.awareness.destroy(),
      () => this.presence.stop(),
    )
    for (const plugin of this.plugins) {
      this.contexts.set(plugin, this.contextFor(plugin))
      for (const [type, maxBytes] of Object.entries(plugin.messages ?? {})) {
        this.customLimits.set(Number(type), maxBytes)
      }
    }
  }

  /**
   * Restores the room once the clients already connected have asked for the document and their
   * snapshot frames have left for the network (see the class comment). Waits at most
   * {@link MAX_DRAIN_WAIT_MS} before each step that blocks the event loop.
   */
  restoreSoon(): void {
    void this.drained().then(() => this.restore())
  }

  /**
   * Restores the plug-ins' state and the document, then answers what waited. A logged update
   * that cannot be applied is skipped and reported rather than making the board unloadable
   * (yjs#713 showed stored updates can be bad); a snapshot that cannot be applied, or a plug-in
   * that cannot restore, breaks the room, and its clients are told.
   */
  restore(): Promise<void> {
    this.restoring ??= this.runRestore()
    return this.restoring
  }

  private async runRestore(): Promise<void> {
    if (this.phase.kind !== 'restoring') return
    const started = performance.now()
    try {
      for (const plugin of this.plugins) await plugin.restore?.(this.context(plugin))
    } catch (error) {
      return this.break('room.restore-failed', error)
    }
    if (this.phase.kind !== 'restoring') return
    // The snapshot carries everything the plug-ins loaded; there is nothing to patch yet.
    this.hub.takePatch()
    // Connections that arrived before the plug-ins knew everyone were let in on what their
    // token said; now the plug-ins decide.
    this.reauthorize()
    this.stateReady = true
    for (const connection of this.connections) {
      if (!connection.awaitingSyncStep1) this.sendServerState(connection)
    }
    await this.drained()
    if (this.phase.kind !== 'restoring') return
    const { stored, catchingUp, waiting, events } = this.phase
    const applied = this.restoreDocument(stored)
    if (!applied) return
    this.phase = { kind: 'open' }
    for (const connection of catchingUp) {
      if (!this.connections.has(connection)) continue
      for (const update of applied) this.send(connection, encodeUpdate(update))
    }
    try {
      this.bringInLine()
    } catch (error) {
      return this.break('room.restore-failed', error)
    }
    // Only now "synced": a client that has everything also has what the server just wrote.
    for (const connection of catchingUp) {
      if (this.connections.has(connection)) this.sendAfterPending(connection, NOTHING_MORE)
    }
    this.options.logger.info('room.restored', {
      boardId: this.boardId,
      updates: stored.updates.length,
      snapshotBytes: stored.snapshot.byteLength,
      ms: Math.round(performance.now() - started),
    })
    for (const connection of this.connections) this.sendSyncStep1(connection)
    for (const { connection, frame } of waiting) this.receive(connection, frame)
    for (const event of events) this.handleBoardEvent(event)
    this.inOrder((plugin) => plugin.opened?.(this.context(plugin)))
  }

  /** How many connections are in the room. */
  get connectionCount(): number {
    return this.connections.size
  }

  /** True once the room was closed or broke; it accepts no connections after that. */
  get isClosed(): boolean {
    return this.phase.kind === 'closed'
  }

  /**
   * Adds a connection and starts the sync handshake on it. `identity` is who the server
   * established the connection belongs to (from their token); the plug-ins decide what it may do.
   */
  connect(socket: RoomSocket, identity?: ConnectionIdentity): RoomConnection {
    if (this.phase.kind === 'closed') throw new Error(`Room ${this.boardId} is closed`)
    const { rates } = this.options
    const budget = rates && new ConnectionBudget(rates, this.now())
    const connection = new Connection(`c${this.nextConnectionId++}`, socket, this, identity, budget)
    connection.capabilities = this.authorize(connection)
    if (!connection.capabilities.has('view')) {
      socket.close(CloseCode.NotAuthenticated, 'This link does not open the board.')
      return connection
    }
    this.connections.add(connection)
    for (const plugin of this.plugins) plugin.connected?.(connection, this.context(plugin))
    if (this.stateReady) this.flushServerState()
    this.tellIfCutOff(connection)
    // While restoring, the server's state vector is not known yet; restore() sends it.
    if (this.phase.kind === 'open') this.sendSyncStep1(connection)
    this.sendAllAwareness(connection)
    return connection
  }

  /**
   * A change to this board stored elsewhere (see BoardEvent). Handed to the plug-ins in order,
   * after any before it; while the room restores it waits.
   */
  handleBoardEvent(event: BoardEvent): void {
    if (this.phase.kind === 'closed') return
    if (this.phase.kind === 'restoring') {
      this.phase.events.push(event)
      return
    }
    this.inOrder((plugin) => plugin.onBoardEvent?.(event, this.context(plugin)))
  }

  /**
   * Runs `work` for each plug-in in turn, after the board events and work queued before it,
   * and publishes the server state it changed.
   */
  private inOrder(work: (plugin: RoomPlugin) => void | Promise<void>): void {
    this.events = this.events.then(async () => {
      try {
        for (const plugin of this.plugins) {
          if (this.isClosed) return
          await work(plugin)
        }
        this.flushServerState()
      } catch (error) {
        this.break('room.event-failed', error)
      }
    })
  }

  /** Resolves once every board event handed to the room so far was handled. */
  async settled(): Promise<void> {
    await this.events
  }

  /** Resolves once every update the room accepted so far is durable (or failed to be). */
  async stored(): Promise<void> {
    await this.pipeline.settled()
  }

  /** Closes every connection with `code` and accepts none after. Does not call `onIdle`. */
  closeAll(code: number, reason: string): void {
    this.phase = { kind: 'closed' }
    for (const connection of this.connections) connection.socket.close(code, reason)
    this.connections.clear()
    this.awarenessOwners.clear()
  }

  /** Releases the document, awareness and listeners. Call after {@link closeAll}. */
  destroy(): void {
    this.phase = { kind: 'closed' }
    for (const dispose of this.disposers.splice(0)) dispose()
    this.doc.destroy()
  }

  /** @internal Use {@link RoomConnection.receive}. */
  receive(connection: Connection, frame: Uint8Array): void {
    // A socket may still deliver frames that were queued before the room closed it.
    if (!this.connections.has(connection)) return
    let message: ClientMessage
    try {
      message = decodeClientMessage(frame, this.customLimits)
    } catch (error) {
      return this.refuseMalformed(connection, error)
    }
    if (message.type === 'sync-step-1' && connection.awaitingSyncStep1) {
      connection.awaitingSyncStep1 = false
      // The server state (a large board's attribution is hundreds of KB) goes to a client that
      // syncs, as the app does first thing: a socket that only sends a message and leaves, as
      // an attacker's may, by the dozen, costs none.
      if (this.stateReady) this.sendServerState(connection)
    }
    if (!this.withinBudget(connection, frame, message)) return
    if (this.phase.kind === 'restoring') return this.wait(connection, frame, message)
    try {
      this.dispatch(connection, frame, message)
    } catch (error) {
      if (error instanceof MalformedMessageError) return this.refuseMalformed(connection, error)
      // Not the client's fault: say so, so it reconnects rather than blaming itself.
      this.options.logger.error('room.server-error', {
        boardId: this.boardId,
        connectionId: connection.id,
        error,
      })
      this.close(connection, CloseCode.ServerError, 'Something went wrong on the server.')
    }
  }

  /** @internal Use {@link RoomConnection.disconnect}. */
  disconnect(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    const owned = [...connection.awarenessClients]
    for (const clientId of owned) this.awarenessOwners.delete(clientId)
    this.presenceReservations.reserve(owned, connection.identity?.participantId, this.now())
    connection.awarenessClients.clear()
    // Tells everyone else this person's cursor is gone (broadcast by handleAwarenessChange).
    removeAwarenessStates(this.awareness, owned, 'disconnect')
    // Forget their clocks too. y-protocols ignores a state whose clock it has already seen, and a
    // client that reconnects re-sends its state with the same clock: without this the room
    // would not show them again until their next awareness change.
    for (const clientId of owned) this.awareness.meta.delete(clientId)
    for (const plugin of this.plugins) plugin.disconnected?.(connection, this.context(plugin))
    if (this.stateReady && this.phase.kind !== 'closed') this.flushServerState()
    if (this.connections.size === 0) this.options.onIdle?.(this)
  }

  /**
   * Charges a frame to the connection's budget (see ConnectionBudget): true when it may be
   * handled; false when it was dropped or the connection closed for sending too fast.
   */
  private withinBudget(connection: Connection, frame: Uint8Array, message: ClientMessage): boolean {
    const { budget } = connection
    if (!budget) return true
    let verdict
    switch (message.type) {
      case 'sync-step-2':
      case 'update':
      case 'custom':
        verdict = budget.update(this.now(), frame.byteLength)
        break
      case 'awareness':
      case 'query-awareness':
        verdict = budget.presenceUpdate(this.now())
        break
      case 'sync-step-1':
      case 'auth':
        return true
      default:
        assertNever(message)
    }
    if (verdict === 'pass') return true
    this.options.logger.warn('connection.too-fast', {
      boardId: this.boardId,
      connectionId: connection.id,
      message: message.type,
      verdict,
    })
    if (verdict === 'close') {
      this.close(connection, CloseCode.TooFast, 'This connection sent more than the board takes.')
    }
    return false
  }

  private dispatch(connection: Connection, frame: Uint8Array, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step-1':
        this.sendAfterPending(connection, this.syncStep2For(message.stateVector))
        break
      case 'sync-step-2':
      case 'update':
        this.applyClientUpdate(connection, message.update)
        break
      case 'awareness':
        this.receiveAwareness(connection, frame, message.update)
        break
      case 'query-awareness':
        this.sendAllAwareness(connection)
        break
      case 'auth':
        break
      case 'custom': {
        const plugin = this.plugins.find((p) => p.messages?.[message.messageType] !== undefined)
        if (!plugin?.receive) {
          throw new MalformedMessageError(`Unknown message type ${message.messageType}`)
        }
        plugin.receive(connection, message.messageType, message.payload, this.context(plugin))
        this.flushServerState()
        break
      }
      default:
        assertNever(message)
    }
  }

  /** While restoring: answer empty clients from the snapshot now, keep the rest for later. */
  private wait(connection: Connection, frame: Uint8Array, message: ClientMessage): void {
    if (this.phase.kind !== 'restoring') return
    if (message.type === 'sync-step-1' && isEmptyStateVector(message.stateVector)) {
      if (this.fullState) {
        this.send(connection, this.syncStep2For(message.stateVector))
      } else {
        this.send(connection, updateParts(this.phase.stored.snapshot))
        this.phase.catchingUp.add(connection)
      }
      return
    }
    this.phase.waitingBytes += frame.byteLength
    if (this.phase.waitingBytes > this.options.maxBufferedBytes) {
      this.close(
        connection,
        CloseCode.SlowConnection,
        'Too much was sent before the board was ready.',
      )
      return
    }
    this.phase.waiting.push({ connection, frame })
  }

  /** Rebuilds the document from storage; returns the logged updates that applied. */
  private restoreDocument(stored: StoredDocument): Uint8Array[] | undefined {
    const applied: Uint8Array[] = []
    try {
      this.doc.transact(() => {
        Y.applyUpdate(this.doc, stored.snapshot)
        stored.updates.forEach((update, index) => {
          try {
            Y.applyUpdate(this.doc, update)
            applied.push(update)
          } catch (error) {
            this.options.logger.error('room.bad-stored-update', {
              boardId: this.boardId,
              index,
              error,
            })
          }
        })
      })
    } catch (error) {
      this.break('room.restore-failed', error, 'storage')
      return undefined
    }
    this.mirror = new RecordMirror(this.doc.getArray(DocRoot.records))
    if (this.options.maxBoardBytes !== undefined) {
      const storedBytes = stored.updates.reduce(
        (sum, update) => sum + update.byteLength,
        stored.snapshot.byteLength,
      )
      this.size = new BoardSize(
        this.options.maxBoardBytes,
        storedBytes,
        () => Y.encodeStateAsUpdate(this.doc).byteLength,
      )
    }
    // Listening only now: restoring must not append the stored updates again.
    // Every write goes through one transaction of the room's, which makes one update.
    this.doc.on('update', this.capture)
    this.disposers.push(() => this.doc.off('update', this.capture))
    return applied
  }

  /**
   * A client's update: dropped when the connection may not edit; otherwise applied, vetted and
   * committed as one update (see the class comment).
   */
  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    if (!connection.capabilities.has('edit')) {
      if (writesAnything(this.doc, update)) this.refuseWrite(connection)
      return
    }
    const mirror = this.mirror as RecordMirror
    const drafts: LedgerDraft[] = []
    // Decided before applying: measuring the document afterwards would mean encoding it.
    const overSize = this.size?.wouldPass(update.byteLength, this.now()) ?? false
    let malformed: unknown
    let failure: unknown
    let corrected = false
    let full = false
    let verbatim: Y.Transaction | undefined
    // A change that completes one Yjs held back (its parts were waiting for an earlier one) makes
    // an update with those parts too: it is encoded, not taken as sent.
    const waiting = this.hasWaitingParts()
    this.captured = undefined
    try {
      Y.transact(
        this.doc,
        (transaction) => {
          try {
            // V1 only (never applyUpdateV2): V2 decoding of untrusted bytes can hang (yjs#687).
            // Applied inside this transaction, so the checks below run before it is encoded.
            applyUpdateIn(transaction, update)
          } catch (error) {
            malformed = error
          }
          try {
            // Whatever was applied before a decoding error is vetted and kept like the rest.
            const taken = mirror.takeChanges(transaction)
            const { foreign } = taken
            let { changes } = taken
            if (overSize) {
              const added = changes.filter((change) => change.after !== undefined)
              full = added.length > 0
              // Undone in this transaction like any refused change: the sender is corrected and
              // the garbage collector drops what it added, so the board stays joinable.
              for (const change of added) {
                this.reportRefusal(connection, 'board-full', 1, change.id)
                mirror.refuse(transaction, change.id)
              }
              changes = changes.filter((change) => change.after === undefined)
            }
            const { standing, refused } = this.vet(transaction, connection, changes)
            corrected = foreign > 0 || refused || full
            if (standing.length > 0) drafts.push(...this.accept(connection, standing))
            if (foreign > 0) this.reportRefusal(connection, 'not-a-record', foreign)
            if (!corrected && !malformed && !waiting && this.tookWholly(transaction)) {
              // Stored and relayed as the client sent it: Yjs would otherwise encode the same
              // change again (a sixth of applying a large one). Without a listener it does not.
              verbatim = transaction
              this.doc.off('update', this.capture)
            }
          } catch (error) {
            failure = error
          }
        },
        connection,
      )
    } finally {
      // Back before anything else can write, even when an observer threw.
      if (verbatim) this.doc.on('update', this.capture)
    }
    if (verbatim && changedAnything(verbatim)) this.captured = update
    if (failure) return this.break('room.server-error', failure)
    this.commit(drafts, connection, corrected)
    if (full) this.tell(connection, 'board-full')
    else if (corrected) this.tell(connection, 'record-refused')
    if (malformed)
      throw new MalformedMessageError(`An update that cannot be applied: ${String(malformed)}`)
  }

  /**
   * True when the document now holds everything `transaction` received and nothing else: the
   * server wrote nothing of its own into it, and Yjs left nothing of it waiting for a missing
   * earlier change (such a part was not checked, so it must not be relayed).
   */
  private tookWholly(transaction: Y.Transaction): boolean {
    const server = this.doc.clientID
    return (
      !this.hasWaitingParts() &&
      (transaction.beforeState.get(server) ?? 0) === Y.getState(this.doc.store, server)
    )
  }

  /** Whether Yjs holds parts of received changes back, waiting for changes they build on. */
  private hasWaitingParts(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
  }

  /**
   * Asks the plug-ins about each record change; undoes the refused ones (writing a replacement
   * where one is given). Returns the changes that stand, flagged when anything was refused.
   */
  private vet(
    transaction: Y.Transaction,
    connection: Connection,
    changes: readonly RecordChange[],
  ): { standing: RecordChange[]; refused: boolean } {
    const mirror = this.mirror as RecordMirror
    const standing: RecordChange[] = []
    let refused = false
    for (const change of changes) {
      let refusal
      for (const plugin of this.plugins) {
        refusal = plugin.checkRecord?.(change, connection)
        if (refusal) break
      }
      if (!refusal) {
        standing.push(change)
        continue
      }
      refused = true
      this.reportRefusal(connection, refusal.reason, 1, change.id)
      mirror.refuse(transaction, change.id)
      if (refusal.replacement) {
        mirror.put(transaction, change.id, refusal.replacement)
        standing.push({ id: change.id, before: change.before, after: refusal.replacement })
      }
    }
    return { standing, refused }
  }

  /** Tells the plug-ins what a client changed; returns their ledger drafts. */
  private accept(connection: Connection, changes: readonly RecordChange[]): LedgerDraft[] {
    const drafts: LedgerDraft[] = []
    const change = { connection, changes, at: this.now() }
    for (const plugin of this.plugins) {
      const made = plugin.accepted?.(change, this.context(plugin))
      if (made) drafts.push(...made)
    }
    return drafts
  }

  /**
   * Appends what the last transaction produced, with its ledger drafts, and once that is
   * durable relays it (to the sender only when the server changed something in it) and the
   * server state that changed with it.
   */
  private commit(
    drafts: readonly LedgerDraft[],
    origin: unknown,
    corrected: boolean,
    schema?: SerializedSchema,
  ): void {
    const update = this.captured ?? (schema && EMPTY_UPDATE)
    this.captured = undefined
    const patch = this.hub.takePatch()
    if (!update) {
      if (patch) this.pipeline.push(undefined, () => this.broadcastPatch(patch))
      return
    }
    this.fullState = undefined
    this.size?.grew(update.byteLength)
    const frame = encodeUpdate(update)
    const entry: LogEntry = {
      update,
      ...(drafts.length > 0 && { ledger: drafts }),
      ...(schema && { schema }),
    }
    this.pipeline.push(
      () => this.options.append(entry),
      () => {
        for (const connection of this.connections) {
          if (connection !== origin || corrected) this.send(connection, frame)
        }
        if (patch) this.broadcastPatch(patch)
      },
    )
  }

  /** A server transaction on the records (a plug-in bringing the board in line). */
  private writeRecords(write: (records: RecordWriter) => void): void {
    this.captured = undefined
    Y.transact(this.doc, (transaction) => write(this.recordWriter(transaction)), SERVER_ORIGIN)
    this.commit([], SERVER_ORIGIN, false)
  }

  /**
   * A server transaction that writes records on people's behalf, stored with the ledger drafts
   * `write` returns, which every plug-in sees first (so what it publishes goes out with it).
   * Resolves once it is durable; rejects when the room broke before.
   */
  private async writeCredited(
    write: (records: RecordWriter) => readonly LedgerDraft[],
  ): Promise<void> {
    this.captured = undefined
    let credited: readonly LedgerDraft[] = []
    Y.transact(
      this.doc,
      (transaction) => {
        credited = write(this.recordWriter(transaction))
      },
      SERVER_ORIGIN,
    )
    for (const plugin of this.plugins) plugin.credited?.(credited, this.context(plugin))
    this.commit(credited, SERVER_ORIGIN, false)
    await this.pipeline.settled()
    if (this.isClosed) throw new Error(`Room ${this.boardId} closed before the write was stored`)
  }

  private recordWriter(transaction: Y.Transaction): RecordWriter {
    const mirror = this.mirror
    if (!mirror) throw new Error('The document is not restored yet')
    return {
      put: (id, value) => mirror.put(transaction, id, value),
      remove: (id) => mirror.remove(transaction, id),
      ids: () => mirror.ids(),
      get: (id) => mirror.get(id),
    }
  }

  /**
   * Once the document is restored: lets the plug-ins bring it in line with their truth and
   * removes whatever an older version kept in it beside the records, in one server transaction
   * stored in one append (with the schema, when a plug-in set it).
   */
  private bringInLine(): void {
    let schema: SerializedSchema | undefined
    this.captured = undefined
    Y.transact(
      this.doc,
      (transaction) => {
        const document: RestoredDocument = {
          ...this.recordWriter(transaction),
          legacyRoot: (name) => legacyMap(this.doc, name),
          setSchema: (value) => {
            schema = value
          },
        }
        for (const plugin of this.plugins) plugin.documentRestored?.(this.context(plugin), document)
        for (const [name, type] of this.doc.share) {
          if (name !== DocRoot.records) deleteContent(transaction, type)
        }
      },
      SERVER_ORIGIN,
    )
    this.commit([], SERVER_ORIGIN, false, schema)
  }

  /** A connection without `edit` sent a change: dropped, said once, and closed if it goes on. */
  private refuseWrite(connection: Connection): void {
    connection.refusedWrites++
    this.reportRefusal(connection, 'view-only', 1)
    if (connection.refusedWrites > MAX_REFUSED_WRITES) {
      this.close(connection, CloseCode.ViewOnly, 'This link can only watch the board.')
      return
    }
    this.tell(connection, 'view-only')
  }

  /** Tells a participant coming back soon after being cut off as too slow why it happened. */
  private tellIfCutOff(connection: Connection): void {
    const participantId = connection.identity?.participantId
    const at = participantId ? this.cutOffAt.get(participantId) : undefined
    if (at === undefined || !participantId) return
    this.cutOffAt.delete(participantId)
    if (this.now() - at <= CUT_OFF_MEMORY_MS) this.tell(connection, 'too-slow')
  }

  private tell(connection: Connection, code: NoticeCode): void {
    if (connection.told.has(code)) return
    connection.told.add(code)
    this.send(connection, encodeNotice({ code, ...NOTICES[code] }))
  }

  private reportRefusal(connection: Connection, reason: string, count: number, recordId?: string) {
    this.options.logger.warn('update.refused', {
      boardId: this.boardId,
      connectionId: connection.id,
      reason,
      count,
      ...(recordId && { recordId }),
    })
  }

  private refuseMalformed(connection: Connection, error: unknown): void {
    this.options.logger.warn('message.malformed', {
      boardId: this.boardId,
      connectionId: connection.id,
      error,
    })
    this.close(connection, CloseCode.MalformedMessage, 'The board could not read a message.')
  }

  /**
   * Storage failed (`storage`), refused because another process serves the board now
   * (`moved`), or something else in the server failed: relay nothing more, close everyone with
   * the code that says which, and be dropped. A room closed already (handed over, say) only
   * logs it: an append it had started can still be refused.
   */
  private break(
    event: string,
    error: unknown,
    cause: 'storage' | 'moved' | 'server' = 'server',
  ): void {
    const closed = this.phase.kind === 'closed'
    switch (cause) {
      case 'storage':
        this.options.logger.error(event, { boardId: this.boardId, error })
        if (!closed) {
          this.closeAll(CloseCode.StorageFailed, 'The server could not save the latest change.')
        }
        break
      case 'moved':
        this.options.logger.warn(event, { boardId: this.boardId, error })
        if (!closed) this.closeAll(CloseCode.BoardMoved, BOARD_MOVED_REASON)
        break
      case 'server':
        this.options.logger.error(event, { boardId: this.boardId, error })
        if (!closed) this.closeAll(CloseCode.ServerError, 'Something went wrong on the server.')
        break
      default:
        assertNever(cause)
    }
    if (!closed) this.options.onBroken?.(this)
  }

  /** What the plug-ins let a connection do; everything but facilitating when none says. */
  private authorize(connection: ConnectionInfo): ReadonlySet<Capability> {
    const granted = new Set<Capability>()
    let asked = false
    for (const plugin of this.plugins) {
      if (!plugin.authorize) continue
      asked = true
      for (const capability of plugin.authorize(connection)) granted.add(capability)
    }
    return asked ? granted : new Set<Capability>(['view', 'edit'])
  }

  private reauthorize(): void {
    for (const connection of this.connections) {
      const capabilities = this.authorize(connection)
      if (sameSet(capabilities, connection.capabilities)) continue
      connection.capabilities = capabilities
      if (!capabilities.has('view')) {
        // The only way a connection loses `view` is its person being removed from the board.
        this.close(connection, CloseCode.NotAuthenticated, REMOVED_REASON)
      } else if (connection.hasServerState) {
        this.sendAfterPending(
          connection,
          encodeServerState(JSON.stringify({ kind: 'you', you: factsOf(connection) })),
        )
      }
    }
  }

  private sendServerState(connection: Connection): void {
    const snapshot = this.hub.snapshotMessage(factsOf(connection))
    this.pipeline.push(undefined, () => {
      if (!this.connections.has(connection)) return
      this.send(connection, snapshot)
      connection.hasServerState = true
    })
  }

  /** Sends the server state that changed since the last time, once what came before is durable. */
  private flushServerState(): void {
    const patch = this.hub.takePatch()
    if (patch) this.pipeline.push(undefined, () => this.broadcastPatch(patch))
  }

  private broadcastPatch(patch: object): void {
    const frame = encodeServerState(JSON.stringify({ kind: 'patch', states: patch }))
    for (const connection of this.connections) {
      if (connection.hasServerState) this.send(connection, frame)
    }
  }

  /**
   * Sends a frame made now, once everything before it is durable: a sync answer holds the
   * document as it is now, which may include an update still being stored.
   */
  private sendAfterPending(connection: Connection, message: OutgoingMessage): void {
    this.pipeline.push(undefined, () => {
      if (this.connections.has(connection)) this.send(connection, message)
    })
  }

  private sendSyncStep1(connection: Connection): void {
    this.send(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)))
  }

  private syncStep2For(stateVector: Uint8Array): MessageParts {
    if (!isEmptyStateVector(stateVector)) {
      return syncStep2Parts(Y.encodeStateAsUpdate(this.doc, stateVector))
    }
    this.fullState ??= Y.encodeStateAsUpdate(this.doc)
    return syncStep2Parts(this.fullState)
  }

  private receiveAwareness(connection: Connection, frame: Uint8Array, update: Uint8Array): void {
    let entries
    try {
      entries = decodeAwarenessEntries(update)
    } catch (error) {
      throw new MalformedMessageError(`An awareness update that cannot be read: ${String(error)}`)
    }
    const participantId = connection.identity?.participantId
    // A link that is not a person's (a watch link) shows no presence: nobody is there to name.
    if (participantId === null) return
    const now = this.now()
    let claimable = MAX_PRESENCE_IDS_PER_CONNECTION - connection.awarenessClients.size
    // Only the connection's own ids: a state for anyone else's is refused, never relayed.
    const accepted = entries.filter((entry) => {
      if (entry.state.byteLength > this.options.maxAwarenessStateBytes) return false
      const owner = this.awarenessOwners.get(entry.clientId)
      if (owner) return owner === connection
      if (this.presenceReservations.blocks(entry.clientId, participantId, now)) return false
      if (claimable === 0) return false
      claimable--
      return true
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
      this.presenceReservations.release(clientId)
    }
    const allAccepted = accepted.length === entries.length
    const applied = allAccepted ? update : encodeAwarenessEntries(accepted)
    try {
      applyAwarenessUpdate(this.awareness, applied, connection)
    } catch (error) {
      throw new MalformedMessageError(`An awareness state that cannot be read: ${String(error)}`)
    }
    // Relayed to everyone, the sender too: y-websocket takes its own echoed awareness as the
    // sign that an idle connection is still alive. A frame accepted whole that has this turn to
    // itself goes as received: no re-encoding on the busiest path (cursors).
    this.presence.add(applied, allAccepted ? frame : undefined)
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
    this.presence.add(encodeAwarenessUpdate(this.awareness, changed))
  }

  private sendAllAwareness(connection: Connection): void {
    if (this.awareness.states.size === 0) return
    const clients = [...this.awareness.states.keys()]
    this.send(connection, encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)))
  }

  private send(connection: Connection, message: OutgoingMessage): void {
    if (connection.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.options.logger.warn('connection.slow', {
        boardId: this.boardId,
        connectionId: connection.id,
        bufferedAmount: connection.socket.bufferedAmount,
      })
      this.cutOff(connection)
      return
    }
    connection.socket.send(message)
  }

  /**
   * A reader that fell too far behind is dropped at once, so what was queued for it is freed now
   * (a close frame would wait behind it all). It cannot be told as it goes, so it is told why
   * when it comes back.
   */
  private cutOff(connection: Connection): void {
    if (!this.connections.has(connection)) return
    const participantId = connection.identity?.participantId
    if (participantId) this.cutOffAt.set(participantId, this.now())
    connection.socket.terminate()
    this.disconnect(connection)
  }

  private close(connection: Connection, code: number, reason: string): void {
    if (!this.connections.has(connection)) return
    connection.socket.close(code, reason)
    this.disconnect(connection)
  }

  /** Resolves once no connection waits for its first frame or has frames queued (or soon). */
  private drained(): Promise<void> {
    const deadline = performance.now() + MAX_DRAIN_WAIT_MS
    return new Promise((resolve) => {
      let timer: NodeJS.Immediate | undefined
      const tick = () => {
        const waiting = [...this.connections].some(
          (c) => c.awaitingSyncStep1 || c.socket.bufferedAmount > 0,
        )
        if (waiting && performance.now() < deadline && this.phase.kind !== 'closed') {
          timer = setImmediate(tick)
        } else {
          resolve()
        }
      }
      timer = setImmediate(tick)
      this.disposers.push(() => {
        if (timer) clearImmediate(timer)
      })
    })
  }

  private context(plugin: RoomPlugin): PluginContext {
    return this.contexts.get(plugin) as PluginContext
  }

  private contextFor(plugin: RoomPlugin): PluginContext {
    const owned = new Set(plugin.states ?? [])
    return {
      boardId: this.boardId,
      now: this.now,
      state: (name) => {
        if (!owned.has(name)) throw new Error(`${plugin.name} does not own the ${name} state`)
        return this.hub.handle(name)
      },
      record: (id) => this.mirror?.get(id),
      writeRecords: (write) => this.writeRecords(write),
      writeCredited: (write) => this.writeCredited(write),
      connections: () => [...this.connections],
      reauthorize: () => this.reauthorize(),
      notify: (connection, code) => this.tell(connection as Connection, code),
      send: (connection, frame) => {
        if (this.connections.has(connection as Connection))
          this.send(connection as Connection, frame)
      },
      close: (connection, code, reason) => this.close(connection as Connection, code, reason),
    }
  }
}

/** What a connection is told about itself. */
function factsOf(connection: ConnectionInfo): ConnectionFacts {
  return {
    participantId: connection.identity?.participantId ?? null,
    capabilities: CAPABILITIES.filter((capability) => connection.capabilities.has(capability)),
  }
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((value) => b.has(value))
}
