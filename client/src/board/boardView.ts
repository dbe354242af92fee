/**
 * How a person sees a board: `simple`, the phone lane (the board as big buttons and a list,
 * without the canvas), or `board`, the canvas.
 */
export type BoardView = 'simple' | 'board'

const STORAGE_KEY = 'commonmap:view'

/**
 * A phone: a touch screen too narrow for the canvas and its panels to be of use. Tablets and
 * touch laptops get the canvas.
 */
export const PHONE_QUERY = '(pointer: coarse) and (max-width: 600px)'

/**
 * The view this device opens boards in: the one the person last chose here ("See the board",
 * "Simple view"), or else the phone lane on a phone and the canvas anywhere else.
 */
export function chooseBoardView(
  storage: Pick<Storage, 'getItem'> = localStorage,
  isPhone: () => boolean = () => window.matchMedia(PHONE_QUERY).matches,
): BoardView {
  const chosen = storage.getItem(STORAGE_KEY)
  if (chosen === 'simple' || chosen === 'board') return chosen
  return isPhone() ? 'simple' : 'board'
}

/** Remembers the view the person chose, for every board on this device. */
export function rememberBoardView(
  view: BoardView,
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  storage.setItem(STORAGE_KEY, view)
}
