import type { SerializedSchema } from '@tldraw/store'
import type { Capability } from '../../shared/capabilities'
import type { LedgerDraft } from '../../shared/ledger'
import type { NoticeCode, ServerStateName, ServerStates } from '../../shared/serverState'
import type { RecordLike } from '../../shared/wordProps'
import type { BoardEvent } from './BoardEvent'
import type { RecordChange } from './RecordMirror'

/** Who is on the other end of a connection, as the server established it (from a token). */
export interface ConnectionIdentity {
  /** The participant the token belongs to, or null for a link that is not a person's. */
  readonly participantId: string | null
  /**
   * What the token allowed when the connection opened. The plug-ins decide what the connection
   * may do ({@link RoomPlugin.authorize}); this is what they go on before they have loaded.
   */
  readonly capabilities?: readonly Capability[]
  /** The watch link the connection opened with (shared/watchLinks.ts), if it is not a person's. */
  readonly watchLinkId?: string
}

/** A connection as plug-ins see it. */
export interface ConnectionInfo {
  /** Short id for logs, unique within the room. */
  readonly id: string
  readonly identity: ConnectionIdentity | undefined
  /** What the server lets this connection do, as the plug-ins authorized it. */
  readonly capabilities: ReadonlySet<Capability>
}

/** Why a plug-in will not accept one record change, and what to put there instead, if anything. */
export interface RecordRefusal {
  /** For logs: which rule refused it. */
  readonly reason: string
  /** A value to write in its place (e.g. a name corrected to the credited one). */
  readonly replacement?: RecordLike
}

/** A client's transaction as accepted: the record changes it made, and whose they are. */
export interface AcceptedChange {
  readonly connection: ConnectionInfo
  readonly changes: readonly RecordChange[]
  /** Server time, epoch ms. */
  readonly at: number
}

/** A state a plug-in owns: read it, and change it (published to every connection). */
export interface OwnedState<N extends ServerStateName> {
  get(key: string): ServerStates[N] | undefined
  entries(): IterableIterator<[string, ServerStates[N]]>
  /** Sets an entry (nothing is published when it equals the current one). */
  set(key: string, value: ServerStates[N]): void
  delete(key: string): void
}

/** What the room gives a plug-in. */
export interface PluginContext {
  readonly boardId: string
  /** Server time, epoch ms. */
  now(): number
  /** A state this plug-in declared in {@link RoomPlugin.states}. */
  state<N extends ServerStateName>(name: N): OwnedState<N>
  /** The room's records as they are now (read-only). */
  record(id: string): RecordLike | undefined
  /**
   * Writes records as the server, in one transaction of its own that is stored and relayed like
   * any update (never credited in the ledger). Use for bringing the board in line with the truth
   * (a migration, a corrected name).
   */
  writeRecords(write: (records: RecordWriter) => void): void
  /**
   * Writes records as the server on people's behalf (a private round's cards, revealed), in one
   * transaction stored with the ledger drafts `write` returns, which credit each to its author
   * and which every plug-in sees first ({@link RoomPlugin.credited}). Resolves once durable.
   */
  writeCredited(write: (records: RecordWriter) => readonly LedgerDraft[]): Promise<void>
  /** Connections in the room now. */
  connections(): readonly ConnectionInfo[]
  /** Asks every plug-in to authorize the connections again (a capability given or taken). */
  reauthorize(): void
  /** Tells one connection something was refused, in the plain words of {@link NoticeCode}. */
  notify(connection: ConnectionInfo, code: NoticeCode): void
  /** Replies to a connection with a frame this plug-in encoded. */
  send(connection: ConnectionInfo, frame: Uint8Array): void
  /** Closes one connection with an application close code (shared/closeCodes.ts) and why. */
  close(connection: ConnectionInfo, code: number, reason: string): void
}

/** Writes to the records, inside a server transaction. */
export interface RecordWriter {
  put(id: string, value: RecordLike): void
  remove(id: string): void
  ids(): IterableIterator<string>
  get(id: string): RecordLike | undefined
}

/** The document as restored from storage, in the transaction that brings it in line. */
export interface RestoredDocument extends RecordWriter {
  /**
   * A map an older version kept in the document beside the records (`meta`, `participants`…),
   * or undefined. The room removes them all once every plug-in has read what it needs.
   */
  legacyRoot(name: string): ReadonlyMap<string, unknown> | undefined
  /** Stores, with this transaction, the schema the records conform to from now on. */
  setSchema(schema: SerializedSchema): void
}

/**
 * A feature of the board server, plugged into the room core (server/room/Room.ts). The core
 * keeps the y-websocket protocol, ordering, durability and backpressure; a plug-in adds one
 * thing the product needs, through these hooks, all optional. The model is Hocuspocus's
 * extensions and tldraw sync's `onBeforeSendMessage` / `filterPush`.
 *
 * Its server-owned state is declared as data ({@link states}): only this plug-in writes those
 * states, and the core sends them to every connection (a snapshot when it joins, then patches),
 * only ever after the updates they describe are durable. How the state is rebuilt is
 * {@link restore} (from storage) and {@link onBoardEvent} (a change made elsewhere).
 */
export interface RoomPlugin {
  /** For logs, and to tell plug-ins apart. */
  readonly name: string
  /** The server-owned states this plug-in owns and publishes. */
  readonly states?: readonly ServerStateName[]
  /**
   * Client message types this plug-in handles (shared/protocol.ts `CommonmapMessage`), each with
   * the largest payload it accepts, in bytes (`MAX_CLIENT_PAYLOAD_BYTES`). A larger message is
   * refused as malformed before it reaches the plug-in, without being parsed.
   */
  readonly messages?: Readonly<Record<number, number>>
  /**
   * Loads the plug-in's state, once, before any client change is applied and before any
   * connection is sent the server's state. The board's document may not be restored yet.
   */
  restore?(context: PluginContext): void | Promise<void>
  /**
   * Called once the document is restored too, before anyone is told they are synced: bring the
   * document in line with the plug-in's truth (migrate a board saved by an older version). Every
   * plug-in's writes here, and the removal of whatever an older version kept outside the
   * records, are one server transaction, stored in one append.
   */
  documentRestored?(context: PluginContext, document: RestoredDocument): void
  /**
   * What this plug-in lets a connection do. The connection may do what any plug-in grants; a
   * room whose plug-ins grant nothing lets everyone view and edit (a plain relay).
   */
  authorize?(connection: ConnectionInfo): Iterable<Capability>
  /**
   * Vets one change a client's update made to a record, before it is accepted. A refusal undoes
   * that change (or writes the replacement) inside the same transaction, so the refused value is
   * never stored or relayed, and the sender is sent the correction.
   */
  checkRecord?(change: RecordChange, connection: ConnectionInfo): RecordRefusal | undefined
  /**
   * Sees each client transaction the room accepted, with who made it. Whatever the plug-in
   * publishes here goes out after the update is durable; the ledger drafts it returns are
   * stored with the update, in the same transaction.
   */
  accepted?(change: AcceptedChange, context: PluginContext): readonly LedgerDraft[] | void
  /** A message of one of {@link messages} from a connection (the payload after the type). */
  receive?(
    connection: ConnectionInfo,
    type: number,
    payload: Uint8Array,
    context: PluginContext,
  ): void
  /** A change concerning this board was stored elsewhere (an HTTP request, another process). */
  onBoardEvent?(event: BoardEvent, context: PluginContext): void | Promise<void>
  /**
   * Ledger drafts the server is storing with records it wrote on people's behalf
   * ({@link PluginContext.writeCredited}), as {@link accepted} sees a client's.
   */
  credited?(drafts: readonly LedgerDraft[], context: PluginContext): void
  /**
   * The room is open: restored, its document brought in line, and the board events that came
   * meanwhile handled. For work that needs the document and may write to it; it runs in order
   * with board events.
   */
  opened?(context: PluginContext): void | Promise<void>
  /** A connection the plug-ins let view joined the room (it is in `context.connections()`). */
  connected?(connection: ConnectionInfo, context: PluginContext): void
  /** A connection left the room (it is no longer in `context.connections()`). */
  disconnected?(connection: ConnectionInfo, context: PluginContext): void
}
