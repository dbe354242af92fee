import { CloseCode } from '../../shared/closeCodes'
import type { Logger } from '../logger'
import type { BoardLease, BoardOwnership } from '../storage/BoardOwnership'
import type { StoredDocument, UpdateLog } from '../storage/UpdateLog'
import type { BoardEvent } from './BoardEvent'
import {
  BOARD_MOVED_REASON,
  Room,
  type ConnectionIdentity,
  type RoomConnection,
  type RoomOptions,
  type RoomSocket,
} from './Room'

/** What a board's room is made of besides its document: its plug-ins and how it starts. */
export type RoomSetup = Pick<RoomOptions, 'plugins' | 'snapshotIsFinal'>

/** Options of {@link RoomRegistry}. */
export interface RoomRegistryOptions {
  /** Where boards' documents are loaded from and updates appended to. */
  readonly log: UpdateLog
  /**
   * Which process serves each board, when several share the storage: a board's room is only
   * loaded under its lease, appends carry the lease's fence, and the room closes its connections
   * with `BoardMoved` when the lease ends. Absent: this process serves every board.
   */
  readonly ownership?: BoardOwnership
  /**
   * The plug-ins of a board's room, made afresh for each room (server/plugins/boardPlugins.ts);
   * asynchronous, so that what only rooms need can be loaded with the first one.
   */
  readonly setup: (boardId: string, stored: StoredDocument) => RoomSetup | Promise<RoomSetup>
  /** Logger for rooms; client-triggered events should be rate-limited. */
  readonly logger: Logger
  /** How long a room stays in memory after its last connection left, in ms. */
  readonly idleUnloadMs: number
  /** See {@link RoomOptions.maxBufferedBytes}. */
  readonly maxBufferedBytes: number
  /** See {@link RoomOptions.maxAwarenessStateBytes}. */
  readonly maxAwarenessStateBytes: number
  /** Each room's size limit and each connection's rates (RoomOptions); none when left out. */
  readonly limits?: Pick<RoomOptions, 'maxBoardBytes' | 'rates'>
}

/** The outcome of {@link RoomRegistry.join}. */
export type JoinResult =
  | { readonly kind: 'joined'; readonly connection: RoomConnection }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'closing' }

/**
 * The rooms this process has in memory, by board id. Concurrent joins of one board share one
 * load, so there is never more than one document per board (two would overwrite each other's
 * snapshots). A room unloads `idleUnloadMs` after its last connection leaves; nothing needs
 * saving then, because every update was stored as it arrived.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room | undefined>>()
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>()
  private readonly leases = new Map<Room, BoardLease>()
  private closing = false

  constructor(private readonly options: RoomRegistryOptions) {}

  /** How many rooms are loaded or loading. */
  get size(): number {
    return this.rooms.size
  }

  /**
   * Connects a socket to a board's room, loading the room first when needed. Rejects when the
   * board could not be loaded from storage.
   */
  async join(
    boardId: string,
    socket: RoomSocket,
    identity?: ConnectionIdentity,
  ): Promise<JoinResult> {
    for (;;) {
      if (this.closing) return { kind: 'closing' }
      const room = await this.open(boardId)
      if (!room) return { kind: 'not-found' }
      // The room may have broken (storage failure) while this join waited; load it afresh.
      if (room.isClosed) continue
      return { kind: 'joined', connection: room.connect(socket, identity) }
    }
  }

  /**
   * Tells a board's room, if it is loaded or loading, about a change stored elsewhere (see
   * BoardEvent), so every client sees it at once. A room loaded later reads it from storage.
   */
  async notify(boardId: string, event: BoardEvent): Promise<void> {
    const room = await this.rooms.get(boardId)?.catch(() => undefined)
    room?.handleBoardEvent(event)
  }

  /** The room of a board, if it is loaded (for tests and benchmarks). */
  async loaded(boardId: string): Promise<Room | undefined> {
    return this.rooms.get(boardId)?.catch(() => undefined)
  }

  /** Closes every connection with `code`, unloads every room and refuses later joins. */
  async close(code: number, reason: string): Promise<void> {
    this.closing = true
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
    const rooms = await Promise.allSettled(this.rooms.values())
    this.rooms.clear()
    const released: Promise<void>[] = []
    for (const result of rooms) {
      if (result.status !== 'fulfilled' || !result.value) continue
      result.value.closeAll(code, reason)
      released.push(this.letGo(result.value))
    }
    await Promise.all(released)
  }

  private open(boardId: string): Promise<Room | undefined> {
    const existing = this.rooms.get(boardId)
    if (existing) return existing
    const loading = this.load(boardId)
    this.rooms.set(boardId, loading)
    // Unknown boards and failed loads are not remembered: the board may be created later, and
    // storage may recover.
    const forget = () => {
      if (this.rooms.get(boardId) === loading) this.rooms.delete(boardId)
    }
    loading.then((room) => room ?? forget(), forget)
    return loading
  }

  private async load(boardId: string): Promise<Room | undefined> {
    const { log, ownership } = this.options
    const lease = await ownership?.acquire(boardId)
    if (ownership && !lease) return undefined
    let stored: StoredDocument | undefined
    try {
      stored = await log.load(boardId)
    } finally {
      if (!stored) await lease?.release()
    }
    if (!stored) return undefined
    const setup = await this.options.setup(boardId, stored)
    const room = new Room({
      boardId,
      stored,
      ...setup,
      append: lease
        ? (entry) => log.append(boardId, { ...entry, fence: lease.fence })
        : (entry) => log.append(boardId, entry),
      logger: this.options.logger,
      maxBufferedBytes: this.options.maxBufferedBytes,
      maxAwarenessStateBytes: this.options.maxAwarenessStateBytes,
      ...this.options.limits,
      onIdle: () => this.scheduleUnload(boardId),
      onBroken: (broken) => this.drop(boardId, broken),
    })
    if (lease) {
      this.leases.set(room, lease)
      lease.onEnd((end) => this.handOver(boardId, room, end))
    }
    // After the joiners waiting for this load have been connected and served the snapshot.
    room.restoreSoon()
    // Nobody may connect after all (their socket closed while this loaded).
    this.scheduleUnload(boardId)
    return room
  }

  private scheduleUnload(boardId: string): void {
    clearTimeout(this.unloadTimers.get(boardId))
    const timer = setTimeout(() => {
      this.unloadTimers.delete(boardId)
      void this.unloadIfIdle(boardId)
    }, this.options.idleUnloadMs)
    this.unloadTimers.set(boardId, timer)
  }

  private async unloadIfIdle(boardId: string): Promise<void> {
    const loading = this.rooms.get(boardId)
    const room = await loading
    // Someone joined since (they will schedule a new unload when they leave), or it is gone.
    if (!room || room.connectionCount > 0 || this.rooms.get(boardId) !== loading) return
    this.rooms.delete(boardId)
    room.closeAll(CloseCode.ServiceRestart, 'The board was unloaded.')
    this.options.logger.info('room.unloaded', { boardId })
    // A quiet moment to fold the log into the snapshot, so the next load is one snapshot.
    await this.options.log.compact(boardId).catch((error: unknown) => {
      this.options.logger.error('compaction.failed', { boardId, error })
    })
    await this.letGo(room)
  }

  private drop(boardId: string, room: Room): void {
    clearTimeout(this.unloadTimers.get(boardId))
    this.unloadTimers.delete(boardId)
    void this.rooms.get(boardId)?.then((current) => {
      if (current !== room) return
      this.rooms.delete(boardId)
      return this.letGo(room)
    })
  }

  /**
   * Another process is to serve the board (it asked, or this one lost the lease): the room
   * closes its connections with `BoardMoved`, so clients reconnect at once and find it there.
   */
  private handOver(boardId: string, room: Room, end: string): void {
    if (room.isClosed) return
    this.options.logger.info('room.moved', { boardId, end })
    room.closeAll(CloseCode.BoardMoved, BOARD_MOVED_REASON)
    this.drop(boardId, room)
  }

  /**
   * Releases a closed room: once every update it accepted is durable, its document, and then
   * its lease, so the next owner loads everything it stored.
   */
  private async letGo(room: Room): Promise<void> {
    await room.stored()
    room.destroy()
    const lease = this.leases.get(room)
    this.leases.delete(room)
    await lease?.release()
  }
}
