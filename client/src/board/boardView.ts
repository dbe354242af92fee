/**
 * How a person sees a board: `simple`, the phone lane (the board as big buttons and a list,
 * without the canvas), or `board`, the canvas.
 */
export type BoardView = 'simple' | 'board'

export const VIEW_STORAGE_KEY = 'commonmap:view'

/**
 * A screen too small for the canvas and its panels to be of use: a phone (a touch screen up to
 * 600 CSS px wide; tablets and touch laptops get the canvas), or any window that is at most 400
 * CSS px wide or 300 high, as a desktop at 400 % zoom is (320×180 for a 1280×720 window), where
 * the top bar and tldraw's toolbars would leave no canvas to see.
 */
export const SMALL_SCREEN_QUERY =
  '(pointer: coarse) and (max-width: 600px), (max-width: 400px), (max-height: 300px)'

/**
 * The view this device opens boards in: the one the person last chose here ("See the board",
 * "Simple view"), or else the phone lane on a small screen and the canvas anywhere else.
 */
export function chooseBoardView(
  storage: Pick<Storage, 'getItem'> = localStorage,
  isSmallScreen: () => boolean = () => window.matchMedia(SMALL_SCREEN_QUERY).matches,
): BoardView {
  const chosen = storage.getItem(VIEW_STORAGE_KEY)
  if (chosen === 'simple' || chosen === 'board') return chosen
  return isSmallScreen() ? 'simple' : 'board'
}

/** Remembers the view the person chose, for every board on this device. */
export function rememberBoardView(
  view: BoardView,
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  storage.setItem(VIEW_STORAGE_KEY, view)
}
