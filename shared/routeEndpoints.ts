/** A rectangle in page space. */
export interface RectLike {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

/** A point in page space. */
export interface Point {
  readonly x: number
  readonly y: number
}

/** How far a route stops short of the edge of its cards, so its arrowhead stays readable. */
const ROUTE_CLEARANCE = 10

/**
 * Where a route between two cards starts and ends: on the line between their centres, where it
 * leaves each card, a little clear of the edge. Cards that overlap so much that there is no
 * such line are joined centre to centre. Values are rounded to hundredths so that every client
 * computes the very same numbers and none of them writes a change the others did not make.
 */
export function routeEndpoints(
  from: RectLike,
  to: RectLike,
  clearance = ROUTE_CLEARANCE,
): { start: Point; end: Point } {
  const a = centre(from)
  const b = centre(to)
  const start = leaveRect(from, a, b, clearance)
  const end = leaveRect(to, b, a, clearance)
  const along = (end.x - start.x) * (b.x - a.x) + (end.y - start.y) * (b.y - a.y)
  if (along <= 0) return { start: round(a), end: round(b) }
  return { start: round(start), end: round(end) }
}

function centre(rect: RectLike): Point {
  return { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 }
}

/** Where the ray from `inside` towards `toward` crosses the rectangle's edge, plus `clearance`. */
function leaveRect(rect: RectLike, inside: Point, toward: Point, clearance: number): Point {
  const dx = toward.x - inside.x
  const dy = toward.y - inside.y
  const length = Math.hypot(dx, dy)
  if (length === 0) return inside
  const tx = dx === 0 ? Infinity : rect.w / 2 / Math.abs(dx)
  const ty = dy === 0 ? Infinity : rect.h / 2 / Math.abs(dy)
  const t = Math.min(tx, ty)
  return {
    x: inside.x + dx * t + (dx / length) * clearance,
    y: inside.y + dy * t + (dy / length) * clearance,
  }
}

function round(point: Point): Point {
  return { x: Math.round(point.x * 100) / 100, y: Math.round(point.y * 100) / 100 }
}
