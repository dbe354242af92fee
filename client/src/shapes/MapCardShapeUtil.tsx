import {
  BaseBoxShapeUtil,
  Rectangle2d,
  type Geometry2d,
  type SvgExportContext,
  type TLShapePartial,
} from 'tldraw'
import type { MapShape } from '../../../shared/mapShapes'
import { CARD_FONT_FACES, cardHeight, describeCard, type CardContent } from './CardContent'
import { CardFrame } from './CardFrame'
import { addCardPattern, SvgCard } from './SvgCard'

/** The map's card shapes: everything but routes. */
export type MapCardShape = Exclude<MapShape, { type: 'route' }>

/**
 * What the map's cards have in common: a resizable box, drawn as HTML on the canvas and as SVG
 * in export from one {@link CardContent}, whose main text can be edited in place and is what
 * tldraw's search and screen reader announcements read. A card grows taller than its `h` when
 * its text needs the room, rather than hiding any of it.
 */
export abstract class MapCardShapeUtil<Shape extends MapCardShape> extends BaseBoxShapeUtil<Shape> {
  /** What the card says and how it looks. */
  abstract cardContent(shape: Shape): CardContent

  /** The change that sets the card's main text. */
  abstract withTitle(shape: Shape, title: string): TLShapePartial<Shape>

  override canEdit(): boolean {
    return true
  }

  override getText(shape: Shape): string {
    return this.cardContent(shape).title
  }

  override getAriaDescriptor(shape: Shape): string {
    return describeCard(this.cardContent(shape))
  }

  override getFontFaces() {
    return CARD_FONT_FACES
  }

  /** The height the card is drawn at. */
  height(shape: Shape): number {
    return cardHeight(this.cardContent(shape), shape.props.w, shape.props.h)
  }

  override getGeometry(shape: Shape): Geometry2d {
    return new Rectangle2d({ width: shape.props.w, height: this.height(shape), isFilled: true })
  }

  override getIndicatorPath(shape: Shape): Path2D {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, this.height(shape), 10)
    return path
  }

  component(shape: Shape) {
    return (
      <CardFrame
        shapeId={shape.id}
        w={shape.props.w}
        h={this.height(shape)}
        content={this.cardContent(shape)}
        onTitleChange={(title) => this.editor.updateShape(this.withTitle(shape, title))}
      />
    )
  }

  override toSvg(shape: Shape, ctx: SvgExportContext) {
    const content = this.cardContent(shape)
    return (
      <SvgCard
        w={shape.props.w}
        h={this.height(shape)}
        content={content}
        patternId={addCardPattern(ctx, content)}
      />
    )
  }
}
