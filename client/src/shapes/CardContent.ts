import { DefaultFontFaces, type TLFontFace } from 'tldraw'
import type { MapIconName } from './mapIcons'
import type { Palette, PatternName } from './mapStyles'

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

/** The sentence a screen reader hears for a card, e.g. "Housing: Housing Options. Run by: the council." */
export function describeCard(content: CardContent): string {
  const parts = [`${content.eyebrow}: ${content.title.trim() || 'nothing written yet'}.`]
  for (const detail of content.details) {
    if (!detail.text) continue
    parts.push(detail.label ? `${detail.label}: ${detail.text}.` : `${detail.text}.`)
  }
  return parts.join(' ')
}
