import { RouteKinds, type RouteKind } from '../../../shared/shapes/routeShape'
import { ROUTE_STYLES } from './mapStyles'
import { AVERAGE_CHAR_WIDTH } from '../../../shared/wrapText'

const STROKE = 3.5
const ARROW_LENGTH = 16
const ARROW_HALF_WIDTH = 8
const ZIGZAG_STEP = 14
const ZIGZAG_AMPLITUDE = 7
const LABEL_SIZE = 16
const NOTE_SIZE = 14
const FONT = 'tldraw_sans, sans-serif'

/** Where a route's label sits, relative to the route's start. */
export interface RouteLabelBox {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

/** The label box of a route: its kind's words, and its note under them, centred on the line. */
export function routeLabelBox(
  kind: RouteKind,
  note: string,
  end: { x: number; y: number },
): RouteLabelBox {
  const textWidth = (text: string, size: number) => text.length * size * AVERAGE_CHAR_WIDTH
  const w =
    Math.max(textWidth(RouteKinds.get(kind).label, LABEL_SIZE), textWidth(note, NOTE_SIZE)) + 18
  const h = note ? 46 : 28
  return { x: end.x / 2 - w / 2, y: end.y / 2 - h / 2, w, h }
}

/**
 * A route as SVG, the same on the canvas and in export: its kind's line style (solid, dashed,
 * double, zigzag or broken), arrowheads showing the way people go, and a label with its kind in
 * words and its note. A small sample beside words that already name the kind (a form's options)
 * can leave the label out.
 */
export function RouteDrawing({
  kind,
  note,
  end,
  label: withLabel = true,
}: {
  kind: RouteKind
  note: string
  end: { x: number; y: number }
  label?: boolean
}) {
  const style = ROUTE_STYLES[kind]
  const length = Math.hypot(end.x, end.y)
  const ux = length ? end.x / length : 1
  const uy = length ? end.y / length : 0
  const at = (t: number, offset = 0) => ({ x: ux * t - uy * offset, y: uy * t + ux * offset })
  const label = routeLabelBox(kind, note, end)
  const from = style.arrowStart ? ARROW_LENGTH * 0.8 : 0
  const to = length - (style.arrowEnd ? ARROW_LENGTH * 0.8 : 0)
  // How far the label reaches along the line, for the break in a gap.
  const labelReach = withLabel ? Math.abs(ux) * (label.w / 2) + Math.abs(uy) * (label.h / 2) + 8 : 8

  const segments: { x: number; y: number }[][] = style.broken
    ? [
        [at(from), at(Math.max(from, length / 2 - labelReach))],
        [at(Math.min(to, length / 2 + labelReach)), at(to)],
      ]
    : [style.zigzag ? zigzag(from, to, at) : [at(from), at(to)]]
  const d = segments
    .map((points) => points.map((p, i) => `${i ? 'L' : 'M'}${round(p.x)} ${round(p.y)}`).join(''))
    .join('')
  const arrow = (tip: number, direction: 1 | -1) => {
    const base = tip - direction * ARROW_LENGTH
    const points = [at(tip), at(base, ARROW_HALF_WIDTH), at(base, -ARROW_HALF_WIDTH)]
    return (
      <polygon
        points={points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ')}
        fill={style.ink}
      />
    )
  }

  return (
    <g data-route-kind={kind}>
      <path
        d={d}
        fill="none"
        stroke={style.ink}
        strokeWidth={style.double ? STROKE * 2.6 : STROKE}
        strokeDasharray={style.dash}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      {style.double && <path d={d} fill="none" stroke="#ffffff" strokeWidth={STROKE * 0.9} />}
      {style.arrowEnd && arrow(length, 1)}
      {style.arrowStart && arrow(0, -1)}
      {withLabel && (
        <rect
          x={label.x}
          y={label.y}
          width={label.w}
          height={label.h}
          rx={8}
          fill="#ffffff"
          stroke={style.ink}
          strokeWidth={1.5}
          strokeDasharray={style.broken ? '5 4' : undefined}
        />
      )}
      {withLabel &&
        [
          { text: RouteKinds.get(kind).label, size: LABEL_SIZE, bold: true, fill: style.ink },
          { text: note, size: NOTE_SIZE, bold: false, fill: '#1b1f24' },
        ].map(
          (line, index) =>
            line.text && (
              <text
                key={index}
                x={end.x / 2}
                y={label.y + 19 * (index + 1)}
                textAnchor="middle"
                fontFamily={FONT}
                fontSize={line.size}
                fontWeight={line.bold ? 'bold' : 'normal'}
                fill={line.fill}
              >
                {line.text}
              </text>
            ),
        )}
    </g>
  )
}

/** Points of a zigzag along the line from `from` to `to`, for "bounced back". */
function zigzag(
  from: number,
  to: number,
  at: (t: number, offset?: number) => { x: number; y: number },
): { x: number; y: number }[] {
  const points = [at(from)]
  const steps = Math.max(2, Math.floor((to - from) / ZIGZAG_STEP))
  for (let i = 1; i < steps; i++) {
    points.push(at(from + ((to - from) * i) / steps, i % 2 ? ZIGZAG_AMPLITUDE : -ZIGZAG_AMPLITUDE))
  }
  points.push(at(to))
  return points
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
