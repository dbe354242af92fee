import { isBoardId } from '../../../shared/protocol'

/** A board this browser has joined, as the start page lists it. */
export interface RememberedBoard {
  readonly id: string
  readonly title: string
  /** Epoch ms of the last time this browser opened the board. */
  readonly lastOpenedAt: number
}

const KEY = 'commonmap:boards'

/** Boards this browser has joined, most recently opened first. Corrupt entries are dropped. */
export function listRememberedBoards(storage: Storage = localStorage): RememberedBoard[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(storage.getItem(KEY) ?? '[]')
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  return parsed
    .filter(
      (b): b is RememberedBoard =>
        typeof b === 'object' &&
        b !== null &&
        isBoardId(b.id) &&
        typeof b.title === 'string' &&
        typeof b.lastOpenedAt === 'number',
    )
    .sort((a, b) => b.lastOpenedAt - a.lastOpenedAt)
}

/** Records that this browser opened a board, so the start page can offer it again. */
export function rememberBoard(
  board: { id: string; title: string },
  now = Date.now(),
  storage: Storage = localStorage,
): void {
  const others = listRememberedBoards(storage).filter((b) => b.id !== board.id)
  const entry: RememberedBoard = { id: board.id, title: board.title, lastOpenedAt: now }
  storage.setItem(KEY, JSON.stringify([entry, ...others]))
}

/** The title this browser last saw for a board, for when the server cannot be reached. */
export function rememberedTitle(
  boardId: string,
  storage: Storage = localStorage,
): string | undefined {
  return listRememberedBoards(storage).find((b) => b.id === boardId)?.title
}
