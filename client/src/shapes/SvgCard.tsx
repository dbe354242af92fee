import type { SvgExportContext } from 'tldraw'
import { CARD_LAYOUT, cardLines, DETAIL_ICON, type CardContent } from './CardContent'
import { MapIcon } from './MapIcon'
import { PATTERN_STROKE, PATTERN_TILES } from './mapStyles'

const FONT = 'tldraw_sans, sans-serif'
const TEXT_INK = '#1b1f24'

/**
 * A card drawn as SVG for export (tldraw's SVG and PNG pictures): the same content, colours,
 * icon and pattern as on the canvas, with the text wrapped to the card (`h` is the height the
 * card is drawn at, which leaves room for all of it: see cardHeight). `patternId` is the
 * pattern's definition in the picture, from {@link addCardPattern}.
 */
export function SvgCard({
  w,
  h,
  content,
  patternId,
}: {
  w: number
  h: number
  content: CardContent
  patternId: string | undefined
}) {
  const { palette } = content
  const L = CARD_LAYOUT
  const lines = cardLines(content, w)
  const band = `M0 ${L.band}V${L.radius}a${L.radius} ${L.radius} 0 0 1 ${L.radius}-${L.radius}H${w - L.radius}a${L.radius} ${L.radius} 0 0 1 ${L.radius} ${L.radius}V${L.band}z`
  let y = L.band + L.padding / 2
  return (
    <g>
      <rect width={w} height={h} rx={L.radius} fill={content.tinted ? palette.fill : '#ffffff'} />
      <path d={band} fill={palette.fill} />
      {patternId && <path d={band} fill={`url(#${patternId})`} />}
      <line x1={0} y1={L.band} x2={w} y2={L.band} stroke={palette.ink} strokeWidth={1.5} />
      <MapIcon
        name={content.icon}
        size={L.iconSize}
        color={palette.ink}
        x={L.padding}
        y={(L.band - L.iconSize) / 2}
      />
      <text
        x={L.padding + L.iconSize + 8}
        y={L.band / 2 + L.eyebrowSize * 0.35}
        fontFamily={FONT}
        fontSize={L.eyebrowSize}
        fontWeight="bold"
        fill={palette.ink}
      >
        {content.eyebrow}
      </text>
      {lines.map((line, index) => {
        y += line.height
        const baseline = y - (line.height - line.size) / 2
        const indent = line.icon ? DETAIL_ICON.size + DETAIL_ICON.gap : 0
        return (
          <g key={index}>
            {line.icon && (
              <MapIcon
                name={line.icon}
                size={DETAIL_ICON.size}
                color={palette.ink}
                x={L.padding}
                y={baseline - DETAIL_ICON.size + 3}
              />
            )}
            <text
              x={L.padding + indent}
              y={baseline}
              fontFamily={FONT}
              fontSize={line.size}
              fontWeight={line.bold ? 'bold' : 'normal'}
              fill={TEXT_INK}
            >
              {line.label ? (
                <>
                  <tspan fontWeight="bold">{line.label}</tspan>
                  {line.text.slice(line.label.length)}
                </>
              ) : (
                line.text
              )}
            </text>
          </g>
        )
      })}
      <rect
        width={w}
        height={h}
        rx={L.radius}
        fill="none"
        stroke={palette.ink}
        strokeWidth={L.border}
      />
    </g>
  )
}

/**
 * Adds the definition of a card's pattern to the picture being exported, once per export, and
 * gives its id, or undefined for a card without one. Called from the shape's `toSvg`, not while
 * the card renders: adding a definition updates tldraw's export component, which React refuses
 * mid-render.
 */
export function addCardPattern(
  ctx: SvgExportContext,
  { pattern, palette }: CardContent,
): string | undefined {
  if (!pattern) return undefined
  const id = `commonmap-pattern-${pattern}-${palette.ink.slice(1)}`
  const { size, d } = PATTERN_TILES[pattern]
  ctx.addExportDef({
    key: id,
    getElement: () => (
      <pattern id={id} width={size} height={size} patternUnits="userSpaceOnUse">
        <path
          d={d}
          stroke={palette.ink}
          strokeWidth={PATTERN_STROKE.width}
          strokeLinecap="round"
          fill="none"
          opacity={PATTERN_STROKE.opacity}
        />
      </pattern>
    ),
  })
  return id
}
