import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { TLRecord } from '@tldraw/tlschema'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { ServerStateMirror } from '../../client/src/collab/ServerStateMirror'
import { getRecordStore } from '../../shared/docLayout'
import { CommonmapMessage, type WritingForReply } from '../../shared/protocol'
import type { ServerNotice } from '../../shared/serverState'
import type { ConnectionIdentity, Room, RoomConnection } from '../../server/room/Room'
import type { JoinResult, RoomRegistry } from '../../server/room/RoomRegistry'
import { MessageType } from '../../server/room/wireMessages'
import { SocketPair } from './socketPair'

/**
 * A client that speaks the y-websocket protocol the way y-websocket's provider does (same
 * y-protocols calls), over a {@link SocketPair} instead of a network. Reconnects keep the
 * document, like a browser tab that lost its connection.
 */
export class ProtocolClient {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly records: YKeyValue<TLRecord> = getRecordStore(this.doc)
  pair: SocketPair | undefined
  connection: RoomConnection | undefined

  constructor() {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return
      this.sendMessage(MessageType.sync, (encoder) => syncProtocol.writeUpdate(encoder, update))
    })
    this.awareness.on(
      'update',
      ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
        if (origin === this) return
        const clients = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])]
        this.sendAwareness(clients)
      },
    )
  }

  /** Who this client is to the room, when it connects with an identity. */
  identity: ConnectionIdentity | undefined

  /**
   * Opens a connection to the room and queues the opening handshake (nothing is delivered).
   * With `identity`, the room credits this client's changes to that participant (and keeps it
   * for reconnects).
   */
  connect(room: Room, identity: ConnectionIdentity | undefined = this.identity): this {
    this.identity = identity
    this.connection = room.connect(this.openPair().serverSocket, identity)
    this.handshake()
    return this
  }

  /** Joins a board through a registry, as the WebSocket adapter does. */
  async join(registry: RoomRegistry, boardId: string): Promise<JoinResult> {
    const result = await registry.join(boardId, this.openPair().serverSocket)
    if (result.kind === 'joined') {
      this.connection = result.connection
      this.handshake()
    }
    return result
  }

  /** Drops the connection; frames in flight are lost. */
  disconnect(): void {
    this.connection?.disconnect()
    this.connection = undefined
    this.pair = undefined
    awarenessProtocol.removeAwarenessStates(
      this.awareness,
      [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID),
      this,
    )
  }

  /** Stops the awareness timer and releases the document. */
  destroy(): void {
    this.awareness.destroy()
    this.doc.destroy()
  }

  /** Queues a message saying who this client is adding things for (shared/protocol.ts). */
  writeFor(participantId: string | null): void {
    this.sendMessage(CommonmapMessage.writingFor, (encoder) =>
      encoding.writeVarString(encoder, JSON.stringify({ for: participantId })),
    )
  }

  /** The server's answers to writing-for messages, oldest first. */
  readonly writingForReplies: WritingForReply[] = []

  /** The server state, as the app keeps it. */
  readonly serverState = new ServerStateMirror()

  /** The room's notices (refusals), oldest first. */
  readonly notices: ServerNotice[] = []

  /** True once the room's sync answer (sync step 2) arrived on this connection. */
  private documentSynced = false

  /**
   * True once the room sent both its sync answer and its server state on this connection, which
   * is when the app's provider reports "synced" (client/src/collab/bindServerState.ts).
   */
  get synced(): boolean {
    return this.documentSynced && this.serverState.isCurrent
  }

  /** Called each time this connection becomes synced, with the client as it is then. */
  readonly syncListeners: (() => void)[] = []

  /** Queues a raw frame, e.g. a malformed one. */
  sendRaw(frame: Uint8Array): void {
    this.pair?.sendToServer(frame)
  }

  /** Everything this client has in its record store, for convergence checks. */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries([...this.records.map].map(([key, entry]) => [key, entry.val]))
  }

  /** Runs `change`, and tells the listeners when it made this connection synced. */
  private settle(change: () => void): void {
    const before = this.synced
    change()
    if (!before && this.synced) for (const listener of this.syncListeners) listener()
  }

  private openPair(): SocketPair {
    this.documentSynced = false
    this.serverState.lost()
    this.pair = new SocketPair(
      (frame) => this.connection?.receive(frame),
      (frame) => this.handle(frame),
    )
    return this.pair
  }

  private handshake(): void {
    this.sendMessage(MessageType.sync, (encoder) => syncProtocol.writeSyncStep1(encoder, this.doc))
    if (this.awareness.getLocalState() !== null) this.sendAwareness([this.doc.clientID])
  }

  private sendAwareness(clients: number[]): void {
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)
    this.sendMessage(MessageType.awareness, (encoder) =>
      encoding.writeVarUint8Array(encoder, update),
    )
  }

  private sendMessage(type: number, write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, type)
    write(encoder)
    this.pair?.sendToServer(encoding.toUint8Array(encoder))
  }

  private handle(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.sync) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this)
      if (step === syncProtocol.messageYjsSyncStep2) this.settle(() => (this.documentSynced = true))
      if (encoding.length(encoder) > 1) this.pair?.sendToServer(encoding.toUint8Array(encoder))
    } else if (type === CommonmapMessage.serverState) {
      const json: unknown = JSON.parse(decoding.readVarString(decoder))
      this.settle(() => {
        if (this.serverState.receive(json) === undefined)
          throw new Error('A bad server state message')
      })
    } else if (type === CommonmapMessage.notice) {
      this.notices.push(JSON.parse(decoding.readVarString(decoder)) as ServerNotice)
    } else if (type === CommonmapMessage.writingForReply) {
      this.writingForReplies.push(JSON.parse(decoding.readVarString(decoder)) as WritingForReply)
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        decoding.readVarUint8Array(decoder),
        this,
      )
    } else {
      throw new Error(`The room sent an unexpected message type ${type}`)
    }
  }
}

/** Delivers queued frames in both directions for every client until nothing is left. */
export function flushAll(clients: readonly ProtocolClient[]): void {
  for (let moved = 1; moved > 0;) {
    moved = 0
    for (const client of clients) {
      moved += client.pair?.flushToServer() ?? 0
      moved += client.pair?.flushToClient() ?? 0
    }
  }
}
