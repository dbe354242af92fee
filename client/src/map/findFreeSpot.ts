/** A rectangle in page space. */
export interface Rect {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

const STEP = 40

/**
 * Where a new shape of `size` can go inside `area` (the part of the board in view) without
 * covering anything in `obstacles`, keeping `margin` clear around it: the first such place
 * reading from the top left, the way people scan a page. When there is no room, the middle of
 * the area, so the new shape is at least in view.
 */
export function findFreeSpot(
  area: Rect,
  size: { readonly w: number; readonly h: number },
  obstacles: readonly Rect[],
  margin = 24,
): { x: number; y: number } {
  const overlaps = (x: number, y: number) =>
    obstacles.some(
      (o) =>
        x - margin < o.x + o.w &&
        x + size.w + margin > o.x &&
        y - margin < o.y + o.h &&
        y + size.h + margin > o.y,
    )
  for (let y = area.y + margin; y + size.h + margin <= area.y + area.h; y += STEP) {
    for (let x = area.x + margin; x + size.w + margin <= area.x + area.w; x += STEP) {
      if (!overlaps(x, y)) return { x, y }
    }
  }
  return { x: area.x + (area.w - size.w) / 2, y: area.y + (area.h - size.h) / 2 }
}
