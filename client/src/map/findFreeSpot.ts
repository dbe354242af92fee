/** A rectangle in page space. */
export interface Rect {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

const STEP = 40

/** How many times the search widens beyond the area before giving up. */
const WIDENINGS = 6

/**
 * Where a new shape of `size` can go without covering anything in `obstacles`, keeping `margin`
 * clear around it: the first such place inside `area` (the part of the board in view), reading
 * from the top left the way people scan a page; failing that, the first just beyond it, widening
 * the search a card's width at a time (the new shape is then brought into view). When even that
 * finds no room, the middle of the area.
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
  const grow = { x: size.w + margin * 2, y: size.h + margin * 2 }
  for (let ring = 0; ring <= WIDENINGS; ring++) {
    const x0 = area.x - ring * grow.x
    const y0 = area.y - ring * grow.y
    const x1 = area.x + area.w + ring * grow.x
    const y1 = area.y + area.h + ring * grow.y
    for (let y = y0 + margin; y + size.h + margin <= y1; y += STEP) {
      for (let x = x0 + margin; x + size.w + margin <= x1; x += STEP) {
        if (!overlaps(x, y)) return { x, y }
      }
    }
  }
  return { x: area.x + (area.w - size.w) / 2, y: area.y + (area.h - size.h) / 2 }
}
