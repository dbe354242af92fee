import type { SerializedSchema } from '@tldraw/store'
import type {
  TLArrowBinding,
  TLArrowShape,
  TLDefaultColorStyle,
  TLDefaultSizeStyle,
  TLGeoShape,
  TLNoteShape,
  TLRecord,
  TLShape,
  TLShapeId,
  TLTextShape,
} from '@tldraw/tlschema'
import { routeEndpoints, type RectLike } from '../routeEndpoints'
import { AVERAGE_CHAR_WIDTH, wrapText } from '../wrapText'
import type { BoardExportSource } from './boardExport'
import { plainTextOf } from './plainTextOf'
import { plainTldrawBoard } from './plainTldrawFile'
import {
  boundsOf,
  centreOf,
  pagePlacements,
  pagesInOrder,
  TLDRAW_FONT_SIZES,
  TLDRAW_LINE_HEIGHT,
  type Placement,
} from './shapePlacement'

/** MIME type of an Excalidraw scene file (Excalidraw's own). */
export const EXCALIDRAW_MIME_TYPE = 'application/vnd.excalidraw+json'

/** The element types a Commonmap board becomes in Excalidraw. */
export type ExcalidrawElementType = 'rectangle' | 'ellipse' | 'diamond' | 'text' | 'arrow' | 'frame'

/**
 * One element of an Excalidraw scene, with the fields Excalidraw documents for every element
 * (https://docs.excalidraw.com/docs/codebase/json-schema) and those of its type: text (`text`,
 * `containerId`, …), arrows (`points`, `startBinding`, `endBinding`, …) and frames (`name`).
 */
export interface ExcalidrawElement {
  readonly id: string
  readonly type: ExcalidrawElementType
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  /** Radians, clockwise, about the element's centre. */
  readonly angle: number
  readonly strokeColor: string
  readonly backgroundColor: string
  readonly fillStyle: 'solid' | 'hachure' | 'cross-hatch'
  readonly strokeWidth: number
  readonly strokeStyle: 'solid' | 'dashed' | 'dotted'
  /** 0 is drawn neatly, 2 by a wobbly hand. */
  readonly roughness: number
  /** 0 to 100. */
  readonly opacity: number
  readonly groupIds: readonly string[]
  /** The frame the element is in. */
  readonly frameId: string | null
  /** Stacking order; null lets Excalidraw number elements in the order they are listed. */
  readonly index: null
  readonly roundness: { readonly type: number } | null
  readonly seed: number
  readonly version: number
  readonly versionNonce: number
  readonly isDeleted: false
  /** The text inside this element and the arrows that end at it. */
  readonly boundElements: { readonly id: string; readonly type: 'text' | 'arrow' }[] | null
  /** Epoch ms. */
  readonly updated: number
  readonly link: null
  readonly locked: boolean
  readonly [typeField: string]: unknown
}

/** An Excalidraw scene file: Excalidraw's open JSON format, version 2. */
export interface ExcalidrawScene {
  readonly type: 'excalidraw'
  readonly version: 2
  /** What made the file. */
  readonly source: string
  readonly elements: readonly ExcalidrawElement[]
  readonly appState: { readonly viewBackgroundColor: string; readonly name: string }
  /** Pictures, by file id; none here. */
  readonly files: Record<string, never>
}

/**
 * tldraw's colours in Excalidraw's palette: a line colour, and the light shade it fills with.
 */
const COLOURS: Record<TLDefaultColorStyle, { readonly stroke: string; readonly fill: string }> = {
  black: { stroke: '#1e1e1e', fill: '#e9ecef' },
  grey: { stroke: '#495057', fill: '#e9ecef' },
  'light-violet': { stroke: '#9c36b5', fill: '#eebefa' },
  violet: { stroke: '#6741d9', fill: '#d0bfff' },
  blue: { stroke: '#1971c2', fill: '#a5d8ff' },
  'light-blue': { stroke: '#0c8599', fill: '#99e9f2' },
  yellow: { stroke: '#e67700', fill: '#ffec99' },
  orange: { stroke: '#d9480f', fill: '#ffd8a8' },
  green: { stroke: '#2f9e44', fill: '#b2f2bb' },
  'light-green': { stroke: '#5c940d', fill: '#d8f5a2' },
  'light-red': { stroke: '#c2255c', fill: '#fcc2d7' },
  red: { stroke: '#e03131', fill: '#ffc9c9' },
  white: { stroke: '#1e1e1e', fill: '#ffffff' },
}

const STROKE_WIDTHS: Record<TLDefaultSizeStyle, number> = { s: 1, m: 2, l: 3, xl: 4 }

/** Excalidraw's arrowheads for tldraw's (Excalidraw has no square, pipe or inverted head). */
const ARROWHEADS: Record<TLArrowShape['props']['arrowheadEnd'], string | null> = {
  none: null,
  arrow: 'arrow',
  triangle: 'triangle',
  square: 'bar',
  dot: 'dot',
  pipe: 'bar',
  diamond: 'diamond',
  inverted: 'arrow',
  bar: 'bar',
}

/** The element a geo shape becomes, when it is not a rectangle. */
const GEO_ELEMENTS: Partial<Record<TLGeoShape['props']['geo'], ContainerType>> = {
  ellipse: 'ellipse',
  oval: 'ellipse',
  diamond: 'diamond',
}

/** The elements that can hold text. */
type ContainerType = 'rectangle' | 'ellipse' | 'diamond'

const TEXT_ALIGN = { start: 'left', middle: 'center', end: 'right' } as const
const VERTICAL_ALIGN = { start: 'top', middle: 'middle', end: 'bottom' } as const

/** Excalidraw's "Normal" font, the easiest of its fonts to read. */
const NUNITO = 6

/** How far Excalidraw keeps text inside its container. */
const BOUND_TEXT_PADDING = 5

/**
 * How much narrower than {@link AVERAGE_CHAR_WIDTH} Excalidraw's "Normal" font runs in text
 * that is in no card. There a line a little too long only runs past an invisible box, while a
 * line broken too early pushes the text down onto what is under it (a session area's prompt
 * onto the first cards, say). Text in a card keeps the generous estimate: it must stay inside.
 */
const FREE_TEXT_NARROWER = 0.9

/** How far a route stops short of its cards; Excalidraw keeps the same gap as cards move. */
const ROUTE_GAP = 10

/** How far apart the board's pages are laid out, one under another, on Excalidraw's one canvas. */
const PAGE_GAP = 400

/**
 * The board as an Excalidraw scene, made from its plain tldraw form ({@link plainTldrawBoard},
 * so the same words, looks, credits and "Made by"): frames stay frames (`frameId` on what is
 * inside them), geo shapes and notes become rectangles, ellipses and diamonds with their words
 * as bound text (`containerId`, `boundElements`), text stays text, and arrows become arrows
 * bound to the cards they join (`startBinding`, `endBinding`), labelled with bound text. The
 * board's pages are laid out one under another. Drawings, lines and pictures are left out:
 * Excalidraw has no way to show them as tldraw does.
 */
export function excalidrawScene(
  source: BoardExportSource,
  schema: SerializedSchema,
): ExcalidrawScene {
  const records = plainTldrawBoard(source, schema)
  const placements = laidOutPages(records, pagePlacements(records))
  const shapes = new Map<TLShapeId, TLShape>()
  for (const record of records) if (record.typeName === 'shape') shapes.set(record.id, record)
  const arrowEnds = new Map<TLShapeId, Partial<Record<'start' | 'end', TLShapeId>>>()
  for (const record of records) {
    if (record.typeName !== 'binding' || record.type !== 'arrow') continue
    const binding = record as TLArrowBinding
    arrowEnds.set(binding.fromId, {
      ...arrowEnds.get(binding.fromId),
      [binding.props.terminal]: binding.toId,
    })
  }
  const scene = new Scene(source.now)
  const frameOf = (shape: TLShape): string | null => {
    for (let parent = shapes.get(shape.parentId as TLShapeId); parent;) {
      if (parent.type === 'frame') return elementId(parent.id)
      parent = shapes.get(parent.parentId as TLShapeId)
    }
    return null
  }
  const ordered = stackingOrder(records)
  // Frames first, so that everything is drawn over them; arrows last, once their cards are.
  for (const shape of ordered.filter((s) => s.type === 'frame')) {
    const placed = placements.get(shape.id)
    if (placed) scene.frame(shape, placed)
  }
  for (const shape of ordered) {
    const placed = placements.get(shape.id)
    if (!placed) continue
    const frameId = frameOf(shape)
    switch (shape.type) {
      case 'geo':
      case 'note':
        scene.card(shape as TLGeoShape | TLNoteShape, placed, frameId)
        break
      case 'text':
        scene.text(shape as TLTextShape, placed, frameId)
        break
    }
  }
  for (const shape of ordered) {
    const placed = placements.get(shape.id)
    if (shape.type === 'arrow' && placed) {
      scene.arrow(shape as TLArrowShape, placed, frameOf(shape), arrowEnds.get(shape.id) ?? {})
    }
  }
  return {
    type: 'excalidraw',
    version: 2,
    source: 'Commonmap',
    elements: scene.elements,
    appState: { viewBackgroundColor: '#ffffff', name: source.title },
    files: {},
  }
}

/** The board as an `.excalidraw` file (see {@link excalidrawScene}). */
export function excalidrawFile(source: BoardExportSource, schema: SerializedSchema): string {
  return JSON.stringify(excalidrawScene(source, schema), null, 2)
}

/**
 * The board's shapes in the order they are stacked: each page in turn, each parent before what
 * is in it.
 */
function stackingOrder(records: readonly TLRecord[]): TLShape[] {
  const children = new Map<string, TLShape[]>()
  for (const record of records) {
    if (record.typeName !== 'shape') continue
    children.set(record.parentId, [...(children.get(record.parentId) ?? []), record])
  }
  const ordered: TLShape[] = []
  const visit = (parentId: string) => {
    const inside = [...(children.get(parentId) ?? [])].sort((a, b) => (a.index < b.index ? -1 : 1))
    for (const shape of inside) {
      ordered.push(shape)
      visit(shape.id)
    }
  }
  for (const page of pagesInOrder(records)) visit(page)
  return ordered
}

/** Every placement moved so that each page sits under the one before it. */
function laidOutPages(
  records: readonly TLRecord[],
  placements: ReadonlyMap<TLShapeId, Placement>,
): Map<TLShapeId, Placement> {
  const moved = new Map<TLShapeId, Placement>()
  let top: number | undefined
  for (const page of pagesInOrder(records)) {
    const onPage = [...placements].filter(([, placement]) => placement.pageId === page)
    if (onPage.length === 0) continue
    const bounds = onPage.map(([, placement]) => boundsOf(placement))
    const dy = top === undefined ? 0 : top - Math.min(...bounds.map((rect) => rect.y))
    for (const [id, placement] of onPage) moved.set(id, { ...placement, y: placement.y + dy })
    top = Math.max(...bounds.map((rect) => rect.y + rect.h)) + dy + PAGE_GAP
  }
  return moved
}

/** An element id for a tldraw shape: its id without the `shape:` prefix. */
function elementId(shapeId: string): string {
  return shapeId.replace(/^shape:/, '')
}

/** A stable number from an id, so the same board always makes the same file. */
function seedOf(id: string): number {
  let hash = 0
  for (const char of id) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0
  return (hash >>> 1) + 1
}

/** What a run of text needs: its lines, wrapped to a width, and its size. */
function textBlock(text: string, maxWidth: number, fontSize: number) {
  const lines = wrapText(text, maxWidth, fontSize)
  const longest = Math.max(...lines.map((line) => [...line].length))
  return {
    text: lines.join('\n'),
    width: Math.min(maxWidth, Math.ceil(longest * fontSize * AVERAGE_CHAR_WIDTH)),
    height: Math.ceil(lines.length * fontSize * TLDRAW_LINE_HEIGHT),
  }
}

type TextBlock = ReturnType<typeof textBlock>

/** Where an element is and what it shares with what is bound to it. */
interface Box {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  readonly angle: number
  readonly frameId: string | null
  readonly opacity: number
  readonly locked: boolean
}

/** The scene's elements as they are made, each card remembering where it ended up. */
class Scene {
  readonly elements: ExcalidrawElement[] = []
  private readonly byId = new Map<string, ExcalidrawElement>()

  constructor(private readonly updated: number) {}

  frame(shape: TLShape, placed: Placement): void {
    this.add({
      ...this.element(elementId(shape.id), boxOf(shape, placed, null)),
      type: 'frame',
      name: (shape.props as { name: string }).name,
    })
  }

  /** A geo shape or a note as a container, with its words as bound text. */
  card(shape: TLGeoShape | TLNoteShape, placed: Placement, frameId: string | null): void {
    const { props } = shape
    const type = (shape.type === 'geo' && GEO_ELEMENTS[shape.props.geo]) || 'rectangle'
    const colour = COLOURS[props.color]
    const words = plainTextOf(props.richText)
    const fontSize = TLDRAW_FONT_SIZES.label[props.size] * props.scale
    const box = boxOf(shape, placed, frameId)
    const maxWidth = insideSize(type, box.width)
    const block = words.trim() ? textBlock(words, maxWidth, fontSize) : undefined
    // Excalidraw grows a container to fit its text only when the text changes, so it is made
    // tall enough here.
    const height = Math.max(box.height, block ? outsideSize(type, block.height) : 0)
    const element = this.add({
      ...this.element(elementId(shape.id), { ...box, height }),
      ...(shape.type === 'note'
        ? { backgroundColor: colour.fill, strokeWidth: 1 }
        : { ...geoLook(shape), strokeWidth: STROKE_WIDTHS[props.size] }),
      type,
      strokeColor: colour.stroke,
      roundness: type === 'rectangle' ? { type: 3 } : type === 'diamond' ? { type: 2 } : null,
    })
    if (!block) return
    const inner = containerCoords(element)
    const free = { x: maxWidth - block.width, y: insideSize(type, height) - block.height }
    const textAlign = TEXT_ALIGN[props.align.replace('-legacy', '') as keyof typeof TEXT_ALIGN]
    const verticalAlign = VERTICAL_ALIGN[props.verticalAlign]
    const share = { left: 0, top: 0, center: 0.5, middle: 0.5, right: 1, bottom: 1 }
    this.boundText(element, block, fontSize, props.labelColor, {
      x: inner.x + free.x * share[textAlign],
      y: inner.y + free.y * share[verticalAlign],
      textAlign,
      verticalAlign,
      originalText: words,
    })
  }

  text(shape: TLTextShape, placed: Placement, frameId: string | null): void {
    const { props } = shape
    const words = plainTextOf(props.richText)
    if (!words.trim()) return
    const fontSize = TLDRAW_FONT_SIZES.text[props.size] * props.scale
    const block = textBlock(words, placed.w / FREE_TEXT_NARROWER, fontSize)
    this.add({
      ...this.element(elementId(shape.id), boxOf(shape, { ...placed, h: block.height }, frameId)),
      ...textLook(block, fontSize, props.color),
      width: placed.w,
      textAlign: TEXT_ALIGN[props.textAlign],
      verticalAlign: 'top',
      containerId: null,
      originalText: words,
      // tldraw wraps a text shape at its width; so does Excalidraw when it does not auto-resize.
      autoResize: false,
    })
  }

  /**
   * An arrow, bound to the cards at its ends when they are on the board: it runs between their
   * edges as Commonmap draws routes, and Excalidraw keeps it there as they move.
   */
  arrow(
    shape: TLArrowShape,
    placed: Placement,
    frameId: string | null,
    ends: Partial<Record<'start' | 'end', TLShapeId>>,
  ): void {
    const { props } = shape
    const from = ends.start && this.byId.get(elementId(ends.start))
    const to = ends.end && this.byId.get(elementId(ends.end))
    const cos = Math.cos(placed.rotation)
    const sin = Math.sin(placed.rotation)
    const onPage = (point: { x: number; y: number }) => ({
      x: placed.x + cos * point.x - sin * point.y,
      y: placed.y + sin * point.x + cos * point.y,
    })
    const { start, end } =
      from && to
        ? routeEndpoints(rectOf(from), rectOf(to), ROUTE_GAP)
        : { start: onPage(props.start), end: onPage(props.end) }
    // Excalidraw drops an arrow with no length when it opens a file, so one between two cards
    // on top of each other is kept as short as can be, until someone moves them apart.
    const dx = end.x - start.x || (end.y === start.y ? 1 : 0)
    const dy = end.y - start.y
    const binding = (card: ExcalidrawElement | '' | undefined) =>
      card ? { elementId: card.id, focus: 0, gap: ROUTE_GAP } : null
    const box = boxOf(shape, placed, frameId)
    const element = this.add({
      ...this.element(elementId(shape.id), {
        ...box,
        x: start.x,
        y: start.y,
        width: Math.abs(dx),
        height: Math.abs(dy),
        angle: 0,
      }),
      ...dashLook(props.dash),
      type: 'arrow',
      strokeColor: COLOURS[props.color].stroke,
      strokeWidth: STROKE_WIDTHS[props.size],
      roundness: { type: 2 },
      points: [
        [0, 0],
        [dx, dy],
      ],
      lastCommittedPoint: null,
      startBinding: binding(from),
      endBinding: binding(to),
      startArrowhead: ARROWHEADS[props.arrowheadStart],
      endArrowhead: ARROWHEADS[props.arrowheadEnd],
      elbowed: false,
    })
    for (const card of [from, to]) if (card) this.bind(card, { id: element.id, type: 'arrow' })
    const words = plainTextOf(props.richText)
    if (!words.trim()) return
    const fontSize = TLDRAW_FONT_SIZES.arrow[props.size] * props.scale
    // As wide as Excalidraw lets an arrow's label be (its `getBoundTextMaxWidth`).
    const block = textBlock(words, Math.max(0.7 * Math.hypot(dx, dy), fontSize * 11), fontSize)
    this.boundText(element, block, fontSize, props.labelColor, {
      x: start.x + dx / 2 - block.width / 2,
      y: start.y + dy / 2 - block.height / 2,
      textAlign: 'center',
      verticalAlign: 'middle',
      originalText: words,
    })
  }

  private boundText(
    container: ExcalidrawElement,
    block: TextBlock,
    fontSize: number,
    color: TLDefaultColorStyle,
    fields: {
      x: number
      y: number
      textAlign: string
      verticalAlign: string
      originalText: string
    },
  ): void {
    const id = `${container.id}-text`
    this.add({
      ...this.element(id, {
        ...container,
        angle: container.type === 'arrow' ? 0 : container.angle,
      }),
      ...textLook(block, fontSize, color),
      ...fields,
      containerId: container.id,
      autoResize: true,
    })
    this.bind(container, { id, type: 'text' })
  }

  /** What every element has, neatly drawn in black until its look is given. */
  private element(id: string, box: Box): ExcalidrawElement {
    return {
      id,
      type: 'rectangle',
      x: box.x,
      y: box.y,
      width: box.width,
      height: box.height,
      angle: box.angle,
      strokeColor: COLOURS.black.stroke,
      backgroundColor: 'transparent',
      fillStyle: 'solid',
      strokeWidth: 2,
      strokeStyle: 'solid',
      roughness: 0,
      opacity: box.opacity,
      groupIds: [],
      frameId: box.frameId,
      index: null,
      roundness: null,
      seed: seedOf(id),
      version: 1,
      versionNonce: seedOf(`${id}-version`),
      isDeleted: false,
      boundElements: null,
      updated: this.updated,
      link: null,
      locked: box.locked,
    }
  }

  private add(element: ExcalidrawElement): ExcalidrawElement {
    this.elements.push(element)
    this.byId.set(element.id, element)
    return element
  }

  /** Tells a container what is bound to it (Excalidraw keeps the link on both sides). */
  private bind(container: ExcalidrawElement, bound: { id: string; type: 'text' | 'arrow' }): void {
    const index = this.elements.findIndex((element) => element.id === container.id)
    const updated = { ...container, boundElements: [...(container.boundElements ?? []), bound] }
    this.elements[index] = updated
    this.byId.set(container.id, updated)
  }
}

/** A shape's upright box about its centre, turned as the shape is, as Excalidraw keeps it. */
function boxOf(shape: TLShape, placed: Placement, frameId: string | null): Box {
  const centre = centreOf(placed)
  return {
    x: centre.x - placed.w / 2,
    y: centre.y - placed.h / 2,
    width: placed.w,
    height: placed.h,
    angle: placed.rotation,
    frameId,
    opacity: Math.round(shape.opacity * 100),
    locked: shape.isLocked,
  }
}

/** The upright rectangle an element covers, turned or not. */
function rectOf(element: ExcalidrawElement): RectLike {
  const cos = Math.abs(Math.cos(element.angle))
  const sin = Math.abs(Math.sin(element.angle))
  const w = cos * element.width + sin * element.height
  const h = sin * element.width + cos * element.height
  const cx = element.x + element.width / 2
  const cy = element.y + element.height / 2
  return { x: cx - w / 2, y: cy - h / 2, w, h }
}

/** How text looks: in Excalidraw's "Normal" font, at tldraw's line height. */
function textLook(block: TextBlock, fontSize: number, color: TLDefaultColorStyle) {
  return {
    type: 'text',
    text: block.text,
    width: block.width,
    height: block.height,
    fontSize,
    fontFamily: NUNITO,
    lineHeight: TLDRAW_LINE_HEIGHT,
    strokeColor: COLOURS[color].stroke,
  } as const
}

/** How a geo shape's dash, fill and colour look in Excalidraw. */
function geoLook(shape: TLGeoShape) {
  const { fill, color } = shape.props
  return {
    ...dashLook(shape.props.dash),
    backgroundColor:
      fill === 'none' ? 'transparent' : fill === 'semi' ? '#ffffff' : COLOURS[color].fill,
    fillStyle: fill === 'pattern' ? 'hachure' : fill === 'lined-fill' ? 'cross-hatch' : 'solid',
  } as const
}

/** tldraw's dash styles in Excalidraw: its hand-drawn "draw" style as a wobbly line. */
function dashLook(dash: TLGeoShape['props']['dash']) {
  return {
    strokeStyle: dash === 'dashed' ? 'dashed' : dash === 'dotted' ? 'dotted' : 'solid',
    roughness: dash === 'draw' ? 2 : 0,
  } as const
}

// Where Excalidraw puts text inside a container (its `getContainerCoords`,
// `getBoundTextMaxWidth`, `getBoundTextMaxHeight` and `computeContainerDimensionForBoundText`),
// so the file looks as if it had been made there.

function containerCoords(container: ExcalidrawElement): { x: number; y: number } {
  const inset =
    container.type === 'ellipse' ? (1 - Math.SQRT1_2) / 2 : container.type === 'diamond' ? 1 / 4 : 0
  return {
    x: container.x + BOUND_TEXT_PADDING + container.width * inset,
    y: container.y + BOUND_TEXT_PADDING + container.height * inset,
  }
}

/** How much of a container's width or height its text may use. */
function insideSize(type: ContainerType, size: number): number {
  const inner =
    type === 'ellipse'
      ? Math.round(size * Math.SQRT1_2)
      : type === 'diamond'
        ? Math.round(size / 2)
        : size
  return inner - BOUND_TEXT_PADDING * 2
}

/** How wide or tall a container must be for its text to use this much of it. */
function outsideSize(type: ContainerType, size: number): number {
  const needed = Math.ceil(size) + BOUND_TEXT_PADDING * 2
  return type === 'ellipse'
    ? Math.round(needed / Math.SQRT1_2)
    : type === 'diamond'
      ? 2 * needed
      : needed
}
