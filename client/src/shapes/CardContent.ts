import { DefaultFontFaces, type TLFontFace } from 'tldraw'
import type { MapIconName } from './mapIcons'
import type { Palette, PatternName } from './mapStyles'
import { wrapText } from '../../../shared/wrapText'

/** A line under a card's main text, e.g. "Run by: the council". */
export interface CardDetail {
  /** Shown before the text, e.g. "Run by". */
  readonly label?: string
  readonly text: string
  /** Shown before the text instead of a label, e.g. an action's status icon. */
  readonly icon?: MapIconName
}

/**
 * What a card says and how it looks, independent of how it is drawn: the canvas draws it as
 * HTML (CardFrame), export as SVG (SvgCard), and screen readers get it as a sentence. Each
 * card's shape util builds one from its props, so the three can never say different things.
 */
export interface CardContent {
  readonly palette: Palette
  /** Cards of service kinds carry a pattern in their header, so colour is never the only cue. */
  readonly pattern?: PatternName
  readonly icon: MapIconName
  /** The kind of card, shown in its header, e.g. "Housing" or "Barrier". */
  readonly eyebrow: string
  /** The main text, which can be edited in place. */
  readonly title: string
  /** Shown on the canvas while the main text is empty. */
  readonly placeholder: string
  /** What the main text is, for the in-place editor's label, e.g. "Name of the service". */
  readonly titleLabel: string
  readonly details: readonly CardDetail[]
  /** Sticky-note look: the whole card tinted, not just its header. */
  readonly tinted: boolean
}

/** The card font: tldraw's bundled sans, which export embeds so pictures look like the canvas. */
export const CARD_FONT_FACES: TLFontFace[] = [
  DefaultFontFaces.tldraw_sans.normal.normal,
  DefaultFontFaces.tldraw_sans.normal.bold,
]

/** Sizes shared by the HTML and SVG drawings of a card, in page units. */
export const CARD_LAYOUT = {
  band: 44,
  padding: 14,
  iconSize: 26,
  eyebrowSize: 16,
  titleSize: 22,
  titleLineHeight: 28,
  detailSize: 16,
  detailLineHeight: 21,
  border: 3,
  radius: 10,
} as const

/** Width of the icon before a detail line, and the gap after it. */
export const DETAIL_ICON = { size: 18, gap: 6 } as const

/** One line of a card's text as it is laid out. */
export interface CardLine {
  readonly text: string
  readonly size: number
  readonly bold: boolean
  readonly height: number
  /** Drawn before the first line of a detail that has an icon. */
  readonly icon?: MapIconName
  /** The words the line starts with that are the detail's label, drawn bold as on the canvas. */
  readonly label?: string
}

/**
 * A card's text broken into lines that fit its width: the main text (or its placeholder), then
 * each detail that says something. SVG export draws exactly these lines, and the card is made
 * tall enough for them, so nothing anyone wrote is ever cut off.
 */
export function cardLines(content: CardContent, w: number): CardLine[] {
  const L = CARD_LAYOUT
  const width = w - L.padding * 2
  const lines: CardLine[] = []
  const add = (
    text: string,
    size: number,
    height: number,
    bold: boolean,
    first: Pick<CardLine, 'icon' | 'label'> = {},
  ) => {
    const indent = first.icon ? DETAIL_ICON.size + DETAIL_ICON.gap : 0
    wrapText(text, width - indent, size).forEach((line, index) => {
      const starts = index === 0 && (!first.label || line.startsWith(first.label))
      lines.push({ text: line, size, bold, height, ...(starts ? first : {}) })
    })
  }
  add(content.title.trim() || content.placeholder, L.titleSize, L.titleLineHeight, true)
  for (const detail of content.details) {
    if (!detail.text) continue
    const label = detail.label && `${detail.label}:`
    const text = label ? `${label} ${detail.text}` : detail.text
    add(text, L.detailSize, L.detailLineHeight, false, {
      ...(detail.icon ? { icon: detail.icon } : {}),
      ...(label ? { label } : {}),
    })
  }
  return lines
}

/** How tall a card is drawn: as tall as people made it, or taller if its text needs the room. */
export function cardHeight(content: CardContent, w: number, h: number): number {
  const L = CARD_LAYOUT
  const text = cardLines(content, w).reduce((total, line) => total + line.height, 0)
  return Math.max(h, Math.ceil(L.band + L.padding * 1.5 + text))
}

/** The sentence a screen reader hears for a card, e.g. "Housing: Housing Options. Run by: the council." */
export function describeCard(content: CardContent): string {
  const parts = [`${content.eyebrow}: ${content.title.trim() || 'nothing written yet'}.`]
  for (const detail of content.details) {
    if (!detail.text) continue
    parts.push(detail.label ? `${detail.label}: ${detail.text}.` : `${detail.text}.`)
  }
  return parts.join(' ')
}
