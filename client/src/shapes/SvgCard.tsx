import type { SvgExportContext } from 'tldraw'
import { CARD_LAYOUT, type CardContent } from './CardContent'
import { MapIcon } from './MapIcon'
import type { MapIconName } from './mapIcons'
import { PATTERN_STROKE, PATTERN_TILES, type PatternName } from './mapStyles'
import { wrapText } from './wrapText'

const FONT = 'tldraw_sans, sans-serif'
const TEXT_INK = '#1b1f24'
const DETAIL_ICON = 18

interface Line {
  readonly text: string
  readonly size: number
  readonly bold: boolean
  readonly height: number
  readonly icon?: MapIconName
}

/**
 * A card drawn as SVG for export (tldraw's SVG and PNG pictures): the same content, colours,
 * icon and pattern as on the canvas, with the text wrapped to the card and cut off with "…"
 * where it does not fit.
 */
export function SvgCard({
  w,
  h,
  content,
  ctx,
}: {
  w: number
  h: number
  content: CardContent
  ctx: SvgExportContext
}) {
  const { palette, pattern } = content
  const L = CARD_LAYOUT
  const lines = layOutLines(content, w - L.padding * 2, h - L.band - L.padding)
  const band = `M0 ${L.band}V${L.radius}a${L.radius} ${L.radius} 0 0 1 ${L.radius}-${L.radius}H${w - L.radius}a${L.radius} ${L.radius} 0 0 1 ${L.radius} ${L.radius}V${L.band}z`
  let y = L.band + L.padding / 2
  return (
    <g>
      <rect width={w} height={h} rx={L.radius} fill={content.tinted ? palette.fill : '#ffffff'} />
      <path d={band} fill={palette.fill} />
      {pattern && <path d={band} fill={`url(#${addPatternDef(ctx, pattern, palette.ink)})`} />}
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
        const indent = line.icon ? DETAIL_ICON + 6 : 0
        return (
          <g key={index}>
            {line.icon && (
              <MapIcon
                name={line.icon}
                size={DETAIL_ICON}
                color={palette.ink}
                x={L.padding}
                y={baseline - DETAIL_ICON + 3}
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
              {line.text}
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

/** The card's text as lines that fit `width`, as many as fit in `height`. */
function layOutLines(content: CardContent, width: number, height: number): Line[] {
  const L = CARD_LAYOUT
  const lines: Line[] = []
  let room = height
  const add = (
    text: string,
    size: number,
    lineHeight: number,
    bold: boolean,
    icon?: MapIconName,
  ) => {
    const fit = Math.floor(room / lineHeight)
    if (fit <= 0) return
    const indent = icon ? DETAIL_ICON + 6 : 0
    wrapText(text, width - indent, size, fit).forEach((line, index) => {
      lines.push({
        text: line,
        size,
        bold,
        height: lineHeight,
        icon: index === 0 ? icon : undefined,
      })
      room -= lineHeight
    })
  }
  add(content.title.trim() || content.placeholder, L.titleSize, L.titleLineHeight, true)
  for (const detail of content.details) {
    if (!detail.text) continue
    const text = detail.label ? `${detail.label}: ${detail.text}` : detail.text
    add(text, L.detailSize, L.detailLineHeight, false, detail.icon)
  }
  return lines
}

/** Defines a pattern once per export and returns its id. */
function addPatternDef(ctx: SvgExportContext, pattern: PatternName, ink: string): string {
  const id = `commonmap-pattern-${pattern}-${ink.slice(1)}`
  const { size, d } = PATTERN_TILES[pattern]
  ctx.addExportDef({
    key: id,
    getElement: () => (
      <pattern id={id} width={size} height={size} patternUnits="userSpaceOnUse">
        <path
          d={d}
          stroke={ink}
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
