import { atom, type TLShape } from 'tldraw'

/** What the canvas leaves out: the cards hidden for review, for anyone who does not facilitate. */
export interface HiddenVisibility {
  /** The shape ids to leave out from now on (none for a facilitator). */
  set(ids: ReadonlySet<string>): void
  /** tldraw's `getShapeVisibility`: stable, so tldraw never rebuilds the editor for it. */
  getShapeVisibility(shape: TLShape): 'hidden' | 'inherit'
}

/**
 * Leaves cards hidden for review off a canvas. tldraw's visibility follows what the callback
 * reads, so the ids live in an atom: a card hidden or restored disappears or comes back at once,
 * with whatever is inside it, and is left out of hit tests and pictures too.
 */
export function createHiddenVisibility(): HiddenVisibility {
  const hidden = atom<ReadonlySet<string>>('cards hidden for review', new Set())
  return {
    set: (ids) => hidden.set(ids),
    getShapeVisibility: (shape) => (hidden.get().has(shape.id) ? 'hidden' : 'inherit'),
  }
}
