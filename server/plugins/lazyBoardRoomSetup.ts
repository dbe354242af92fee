import type { RoomSetup } from '../room/RoomRegistry'
import type { StoredDocument } from '../storage/UpdateLog'
import type { BoardPluginsOptions } from './boardPlugins'

/** {@link boardRoomSetup}, loaded on first use. */
export interface LazyBoardRoomSetup {
  /** Starts loading the plug-ins, if nothing has yet: someone is about to open a board. */
  preload(): void
  /** A board's room setup, once the plug-ins are loaded. */
  setup(boardId: string, stored: StoredDocument): Promise<RoomSetup>
}

/**
 * The board plug-ins, and tldraw's schema packages they validate records with, loaded with the
 * first board rather than at start-up: a server with no board open does without them (about
 * 20 MB of its memory). Loading takes up to a few hundred milliseconds on a busy machine, so the
 * server starts it as soon as a request says a board is about to be opened ({@link preload}),
 * while the page, the join and the handshake are still under way.
 */
export function lazyBoardRoomSetup(options: BoardPluginsOptions): LazyBoardRoomSetup {
  let loading: Promise<(boardId: string, stored: StoredDocument) => RoomSetup> | undefined
  const load = () =>
    (loading ??= import('./boardPlugins').then((plugins) => plugins.boardRoomSetup(options)))
  return {
    // A failed load is reported by the room load that needs it (setup), not here.
    preload: () => void load().catch(() => undefined),
    setup: async (boardId, stored) => (await load())(boardId, stored),
  }
}
