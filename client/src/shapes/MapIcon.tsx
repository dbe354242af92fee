import { MAP_ICON_PATHS, type MapIconName } from './mapIcons'

/**
 * One of the map's icons as an `<svg>`: in HTML (cards, toolbar, legend, forms) and, positioned
 * with `x`/`y`, inside an SVG drawing (routes, exported cards). Decorative: the word beside it
 * says what it means, so it is hidden from screen readers.
 */
export function MapIcon({
  name,
  size = 24,
  color = 'currentColor',
  x,
  y,
  className,
}: {
  name: MapIconName
  size?: number
  color?: string
  x?: number
  y?: number
  className?: string
}) {
  return (
    <svg
      className={className}
      x={x}
      y={y}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke={color}
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={MAP_ICON_PATHS[name]} />
    </svg>
  )
}
