import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import type { CreditSource } from '../../shared/credit'
import type { LicenceChoice } from '../../shared/export/licences'
import type { LedgerDraft } from '../../shared/ledger'
import type { WritingForReply } from '../../shared/protocol'
import { assertNever } from '../assertNever'
import type { Logger } from '../logger'
import { BoardAuthority, SERVER_ORIGIN, type BoardAuthorityOptions } from './BoardAuthority'
import {
  type ClientMessage,
  decodeAwarenessEntries,
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  encodeWritingForReply,
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

/** Who is on the other end of a connection, as the server established it (from their token). */
export interface ConnectionIdentity {
  readonly participantId: string
}

/** Options of {@link Room}. */
export interface RoomOptions {
  /** The board this room serves (for logs). */
  readonly boardId: string
  /**
   * What storage holds for the board. The room rebuilds its document from it in
   * {@link Room.restore}; until then it can already answer clients with an empty document when
   * there are no updates after the snapshot (the snapshot then is the full state).
   */
  readonly stored: { readonly snapshot: Uint8Array; readonly updates: readonly Uint8Array[] }
  /**
   * Makes one update durable, with the ledger entries it produced, in one transaction. Called
   * synchronously for every update the document accepts, and always before the update is
   * relayed; it throws when the update could not be stored.
   */
  readonly persistUpdate: (update: Uint8Array, ledger: readonly LedgerDraft[]) => void
  /**
   * Reads who the board's people are and what the ledger says so far; called once, when the
   * room restores its document (after its first clients were answered from the snapshot, so
   * reading a long ledger does not hold them up). With it, the room knows who
   * each connection is, keeps the contribution ledger and owns the server-owned document roots
   * (see BoardAuthority); without it (unit tests of syncing alone), it is a plain relay.
   */
  readonly authority?: () => Omit<BoardAuthorityOptions, 'now'>
  /** Server clock for ledger entries, epoch ms (default `Date.now`). */
  readonly now?: () => number
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
  /** True until the client's sync step 1 (its first frame, in practice) has arrived. */
  awaitingSyncStep1 = true
  /** The person without a device this connection is adding things for, if any. */
  writingFor: string | null = null

  constructor(
    readonly id: string,
    readonly socket: RoomSocket,
    private readonly room: Room,
    readonly identity: ConnectionIdentity | undefined,
  ) {}

  receive(frame: Uint8Array): void {
    this.room.receive(this, frame)
  }

  disconnect(): void {
    this.room.disconnect(this)
  }
}

const EMPTY_STATE_VECTOR_LENGTH = 1

/** Sync step 2 with an empty update: "you have everything now". */
const NOTHING_MORE = encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc()))

/** Longest a room waits for snapshot frames to drain before it restores its document. */
const MAX_RESTORE_DELAY_MS = 100

function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === EMPTY_STATE_VECTOR_LENGTH && stateVector[0] === 0
}

/**
 * What one client frame produced: the client's own update, any correction or attribution the
 * server wrote in response, and the ledger drafts. Stored and relayed as one.
 */
interface Batch {
  readonly origin: Connection
  readonly updates: Uint8Array[]
  /** The server's own updates within the batch (the sender needs these; it has its own). */
  readonly serverUpdates: Uint8Array[]
  readonly drafts: LedgerDraft[]
}

/** Where a room is in its life. */
type Phase =
  | {
      readonly kind: 'restoring'
      readonly stored: RoomOptions['stored']
      /** Frames that need the document, in arrival order, replayed once it is restored. */
      readonly waiting: { connection: Connection; frame: Uint8Array }[]
      waitingBytes: number
      /**
       * Empty clients sent the stored snapshot while updates were logged after it, or while
       * the server may still publish something as it restores: once the document is restored
       * they are sent those updates (the ones that applied), what the server published, and
       * then their sync answer, so a client is only "synced" when it has everything.
       */
      readonly catchingUp: Set<Connection>
      /** The stored snapshot alone, as an update message (not yet the sync answer), made once. */
      snapshotFrame?: Uint8Array
    }
  | { readonly kind: 'open' }
  | { readonly kind: 'closed' }

/**
 * One board in memory: its Yjs document, its awareness (cursors, never stored) and the
 * connections editing it. Speaks the y-websocket protocol over {@link RoomSocket}s and knows
 * nothing about the network, so it can be tested with in-memory sockets.
 *
 * Every accepted update goes through one pipeline ({@link Room.handleDocUpdate}): store,
 * then relay. Storing first is what makes a crash lose nothing anyone has seen.
 *
 * A new room starts `restoring`: rebuilding a large board's document blocks for 100+ ms, so
 * {@link Room.restoreSoon} does it a turn later, after the first joiners with empty documents
 * were sent the stored snapshot. They apply it while the server rebuilds, instead of after.
 * When updates were logged after the snapshot, those joiners get the snapshot as a plain
 * update, then the logged updates that applied and their sync answer as soon as the document is
 * restored, rather than waiting for the server to encode the whole document for them.
 */
export class Room {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly awareness: Awareness
  private readonly connections = new Set<Connection>()
  /** Which connection speaks for each awareness client id; others may not claim it. */
  private readonly awarenessOwners = new Map<number, Connection>()
  private readonly disposers: (() => void)[] = []
  /** The document's full state as one update, while known without encoding (see `stored`). */
  private fullState: Uint8Array | undefined
  /** Sync step 2 for a client with an empty document; dropped on every update. */
  private fullStateFrame: Uint8Array | undefined
  private nextConnectionId = 1
  private phase: Phase
  /** Who owns what on this board; undefined for a plain relay (see RoomOptions.authority). */
  private authority: BoardAuthority | undefined
  /** The client frame being applied, while it is. */
  private batch: Batch | undefined
  /** Participants who joined or changed while the room was restoring. */
  private readonly pendingProfiles = new Map<string, CreditSource>()
  /** A licence chosen while the room was restoring. */
  private pendingLicence: LicenceChoice | undefined

  constructor(private readonly options: RoomOptions) {
    this.boardId = options.boardId
    this.doc = new Y.Doc()
    this.phase = {
      kind: 'restoring',
      stored: options.stored,
      waiting: [],
      waitingBytes: 0,
      catchingUp: new Set(),
    }
    if (options.stored.updates.length === 0) this.fullState = options.stored.snapshot
    this.awareness = new Awareness(this.doc)
    // The server is not a participant: without this every client would see it as a peer.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.handleAwarenessChange)
    this.disposers.push(
      () => this.awareness.off('update', this.handleAwarenessChange),
      () => this.awareness.destroy(),
    )
  }

  /**
   * Restores the document once the clients already connected have asked for it and their
   * snapshot frames have left for the network (see the class comment): restoring blocks the
   * event loop, so a request not yet read, or a frame still buffered in a socket, would wait
   * for it. Waits at most {@link MAX_RESTORE_DELAY_MS}.
   */
  restoreSoon(): void {
    const deadline = performance.now() + MAX_RESTORE_DELAY_MS
    let timer: NodeJS.Immediate
    const tick = () => {
      const waiting = [...this.connections].some(
        (c) => c.awaitingSyncStep1 || c.socket.bufferedAmount > 0,
      )
      if (waiting && performance.now() < deadline) timer = setImmediate(tick)
      else this.restore()
    }
    timer = setImmediate(tick)
    this.disposers.push(() => clearImmediate(timer))
  }

  /**
   * Rebuilds the document from storage, then answers what waited for it. A logged update that
   * cannot be applied is skipped and reported rather than making the board unloadable
   * (yjs#713 showed stored updates can be bad); a snapshot that cannot be applied breaks the
   * room, and its clients are told storage failed.
   */
  restore(): void {
    if (this.phase.kind !== 'restoring') return
    const { stored, waiting, catchingUp } = this.phase
    const started = performance.now()
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
      this.break('room.restore-failed', error)
      return
    }
    if (this.options.authority) {
      this.authority = new BoardAuthority(this.doc, {
        ...this.options.authority(),
        ...(this.options.now && { now: this.options.now }),
      })
      this.doc.on('afterTransaction', this.handleTransaction)
      this.disposers.push(() => this.doc.off('afterTransaction', this.handleTransaction))
    }
    // Listening only now: restoring must not append the stored updates again.
    this.doc.on('update', this.handleDocUpdate)
    this.disposers.push(() => this.doc.off('update', this.handleDocUpdate))
    this.phase = { kind: 'open' }
    for (const connection of catchingUp) {
      if (!this.connections.has(connection)) continue
      for (const update of applied) this.send(connection, encodeUpdate(update))
    }
    // The stored document may predate the server owning some roots, or hold a client's write
    // whose correction never reached the disk: bring it in line with the truth once. What this
    // writes is relayed to every connection, the catching-up ones included.
    if (this.authority) {
      for (const profile of this.pendingProfiles.values()) this.authority.upsertParticipant(profile)
      this.pendingProfiles.clear()
      if (this.pendingLicence) this.authority.setLicence(this.pendingLicence)
      this.pendingLicence = undefined
      this.authority.reconcileAll()
      this.authority.settle()
    }
    // Only now "synced": a client that has everything also has what the server just published.
    for (const connection of catchingUp) {
      if (this.connections.has(connection)) this.send(connection, NOTHING_MORE)
    }
    this.options.logger.info('room.restored', {
      boardId: this.boardId,
      updates: stored.updates.length,
      snapshotBytes: stored.snapshot.byteLength,
      ms: Math.round(performance.now() - started),
    })
    for (const connection of this.connections) this.sendSyncStep1(connection)
    for (const { connection, frame } of waiting) this.receive(connection, frame)
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
   * established the connection belongs to (from their token); the ledger credits them.
   */
  connect(socket: RoomSocket, identity?: ConnectionIdentity): RoomConnection {
    if (this.phase.kind === 'closed') throw new Error(`Room ${this.boardId} is closed`)
    const connection = new Connection(`c${this.nextConnectionId++}`, socket, this, identity)
    this.connections.add(connection)
    // While restoring, the server's state vector is not known yet; restore() sends it.
    if (this.phase.kind === 'open') this.sendSyncStep1(connection)
    this.sendAllAwareness(connection)
    return connection
  }

  /**
   * Publishes a participant who joined or changed how they are credited, if this room has an
   * authority. The change reaches every client (and storage) like any update.
   */
  upsertParticipant(profile: CreditSource): void {
    if (this.phase.kind === 'closed') return
    if (this.phase.kind === 'restoring') {
      // The authority is built in restore(), from a list read before this change.
      this.pendingProfiles.set(profile.id, profile)
      return
    }
    if (!this.authority) return
    this.authority.upsertParticipant(profile)
    this.authority.settle()
  }

  /**
   * Publishes the licence someone chose for the board, if this room has an authority, to every
   * client (and storage) like any update.
   */
  setLicence(choice: LicenceChoice): void {
    if (this.phase.kind === 'closed') return
    if (this.phase.kind === 'restoring') {
      // The authority is built in restore(), from a choice read before this one.
      this.pendingLicence = choice
      return
    }
    if (!this.authority) return
    this.authority.setLicence(choice)
    this.authority.settle()
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
    try {
      const message = decodeClientMessage(frame)
      if (message.type === 'sync-step-1') connection.awaitingSyncStep1 = false
      if (this.phase.kind === 'restoring') return this.wait(connection, frame, message)
      switch (message.type) {
        case 'sync-step-1':
          this.send(connection, this.syncStep2For(message.stateVector))
          break
        case 'sync-step-2':
        case 'update':
          this.applyClientUpdate(connection, message.update)
          break
        case 'writing-for':
          this.setWritingFor(connection, message.participantId)
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

  /** While restoring: answer empty clients from the snapshot now, keep the rest for later. */
  private wait(connection: Connection, frame: Uint8Array, message: ClientMessage): void {
    if (this.phase.kind !== 'restoring') return
    if (message.type === 'sync-step-1' && isEmptyStateVector(message.stateVector)) {
      // With an authority, the server may publish people or attribution as it restores (a
      // board's creator, for one): the stored state is not yet everything, so the client
      // catches up and hears "synced" only once that is sent too.
      if (!this.options.authority && (this.fullStateFrame ?? this.fullState)) {
        this.send(connection, this.syncStep2For(message.stateVector))
      } else {
        this.phase.snapshotFrame ??= encodeUpdate(this.phase.stored.snapshot)
        this.send(connection, this.phase.snapshotFrame)
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

  /**
   * Applies a client's update, lets the authority write back whatever the update may not change
   * and credit what it did, and commits everything the frame produced as one update.
   */
  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    if (!this.authority) {
      // V1 only (applyUpdate, never applyUpdateV2): V2 decoding of untrusted bytes can hang
      // (yjs#687). The connection is the transaction origin; see handleDocUpdate.
      Y.applyUpdate(this.doc, update, connection)
      return
    }
    const batch: Batch = { origin: connection, updates: [], serverUpdates: [], drafts: [] }
    this.batch = batch
    try {
      Y.applyUpdate(this.doc, update, connection)
      this.authority.settle()
    } finally {
      // Whatever was applied is in the document and must be stored and relayed, even when the
      // frame then failed (the error still closes the sender).
      this.batch = undefined
      this.commit(batch)
    }
  }

  /** Watches every transaction for the authority (ledger drafts, forgeries). */
  private readonly handleTransaction = (transaction: Y.Transaction): void => {
    const authority = this.authority
    if (!authority) return
    const origin = transaction.origin
    const author =
      origin instanceof Connection && origin.identity
        ? { participantId: origin.identity.participantId, writingFor: origin.writingFor }
        : null
    authority.observe(transaction, author, this.batch?.drafts ?? [])
  }

  /**
   * The update pipeline: every change to the document, from any connection, passes here once.
   * Within a client frame (see applyClientUpdate) updates are collected and committed together;
   * anything else (a plain relay's updates, the server publishing a new participant) is
   * committed at once.
   */
  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.phase.kind !== 'open') return
    if (this.batch) {
      this.batch.updates.push(update)
      if (origin === SERVER_ORIGIN) this.batch.serverUpdates.push(update)
      return
    }
    this.persistAndRelay(update, [], origin, undefined)
  }

  private commit(batch: Batch): void {
    if (this.phase.kind !== 'open' || batch.updates.length === 0) return
    const update =
      batch.updates.length === 1 ? (batch.updates[0] as Uint8Array) : Y.mergeUpdates(batch.updates)
    const correction =
      batch.serverUpdates.length === 0
        ? undefined
        : batch.serverUpdates.length === 1
          ? batch.serverUpdates[0]
          : Y.mergeUpdates(batch.serverUpdates)
    this.persistAndRelay(update, batch.drafts, batch.origin, correction)
  }

  /**
   * Stores, then relays: to everyone but `origin`, and to `origin` only what the server added
   * (`correction`), since it has its own part already.
   */
  private persistAndRelay(
    update: Uint8Array,
    drafts: readonly LedgerDraft[],
    origin: unknown,
    correction: Uint8Array | undefined,
  ): void {
    try {
      this.options.persistUpdate(update, drafts)
    } catch (error) {
      this.break('storage.append-failed', error)
      return
    }
    this.fullState = undefined
    this.fullStateFrame = undefined
    const frame = encodeUpdate(update)
    for (const connection of this.connections) {
      if (connection !== origin) this.send(connection, frame)
    }
    if (correction && origin instanceof Connection && this.connections.has(origin)) {
      this.send(origin, encodeUpdate(correction))
    }
  }

  /** A client says who it is adding things for; the authority decides whether it may. */
  private setWritingFor(connection: Connection, participantId: string | null): void {
    let reply: WritingForReply
    const refusal =
      participantId === null
        ? null
        : !this.authority || !connection.identity
          ? 'This board does not know who you are.'
          : this.authority.refuseWritingFor(connection.identity.participantId, participantId)
    if (refusal) {
      reply = { for: connection.writingFor, error: refusal }
    } else {
      connection.writingFor = participantId
      reply = { for: participantId }
    }
    this.send(connection, encodeWritingForReply(reply))
  }

  /** Storage failed: relay nothing, close everyone, and let the registry drop this room. */
  private break(event: string, error: unknown): void {
    this.options.logger.error(event, { boardId: this.boardId, error })
    this.closeAll(CloseCode.StorageFailed, 'The server could not save the latest change.')
    this.options.onBroken?.(this)
  }

  private sendSyncStep1(connection: Connection): void {
    this.send(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)))
  }

  private syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (!isEmptyStateVector(stateVector)) {
      return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector))
    }
    this.fullStateFrame ??= encodeSyncStep2(this.fullState ?? Y.encodeStateAsUpdate(this.doc))
    // The frame holds a copy; no need to keep a second one of a large board.
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
