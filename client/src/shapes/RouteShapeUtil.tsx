import {
  Edge2d,
  Group2d,
  HTMLContainer,
  Rectangle2d,
  ShapeUtil,
  stopEventPropagation,
  SVGContainer,
  useIsEditing,
  Vec,
  type Geometry2d,
  type TLShapeId,
  type TLShapeUtilCanBindOpts,
} from 'tldraw'
import { ROUTE_BINDING_TYPE } from '../../../shared/bindings/routeBinding'
import { MAX_SHORT_TEXT } from '../../../shared/shapes/boundedText'
import {
  defaultRouteShapeProps,
  ROUTE_SHAPE_TYPE,
  RouteKinds,
  routeShapeMigrations,
  routeShapeProps,
  type RouteShape,
} from '../../../shared/shapes/routeShape'
import { CARD_FONT_FACES } from './CardContent'
import { RouteDrawing, routeLabelBox } from './RouteDrawing'
import { getRouteEnds } from './updateRouteGeometry'
import { useFocusWhileEditing } from './useFocusWhileEditing'

/**
 * A route between two cards: a line whose style and label say what kind of route it is. It is
 * placed by its bindings (RouteBindingUtil), so it has no resize or rotate handles; its note can
 * be edited in place with a double-click, the rest in its form.
 */
export class RouteShapeUtil extends ShapeUtil<RouteShape> {
  static override type = ROUTE_SHAPE_TYPE
  static override props = routeShapeProps
  static override migrations = routeShapeMigrations

  override getDefaultProps(): RouteShape['props'] {
    return defaultRouteShapeProps()
  }

  override getGeometry(shape: RouteShape): Geometry2d {
    const label = routeLabelBox(shape.props.kind, shape.props.note, shape.props.end)
    return new Group2d({
      children: [
        new Edge2d({ start: new Vec(0, 0), end: Vec.From(shape.props.end) }),
        new Rectangle2d({
          ...label,
          width: label.w,
          height: label.h,
          isFilled: true,
          isLabel: true,
        }),
      ],
    })
  }

  override getIndicatorPath(shape: RouteShape): Path2D {
    const path = new Path2D()
    path.moveTo(0, 0)
    path.lineTo(shape.props.end.x, shape.props.end.y)
    const label = routeLabelBox(shape.props.kind, shape.props.note, shape.props.end)
    path.roundRect(label.x, label.y, label.w, label.h, 8)
    return path
  }

  /** Only a route's own ends bind to it; nothing else (an arrow, say) can attach to a route. */
  override canBind({ bindingType, fromShapeType }: TLShapeUtilCanBindOpts): boolean {
    return bindingType === ROUTE_BINDING_TYPE && fromShapeType === ROUTE_SHAPE_TYPE
  }

  override canEdit(): boolean {
    return true
  }

  override canResize(): boolean {
    return false
  }

  override canSnap(): boolean {
    return false
  }

  override hideResizeHandles(): boolean {
    return true
  }

  override hideRotateHandle(): boolean {
    return true
  }

  override hideSelectionBoundsFg(): boolean {
    return true
  }

  override hideSelectionBoundsBg(): boolean {
    return true
  }

  override getFontFaces() {
    return CARD_FONT_FACES
  }

  override getText(shape: RouteShape): string {
    return shape.props.note
  }

  override getAriaDescriptor(shape: RouteShape): string {
    const ends = getRouteEnds(this.editor, shape.id)
    const name = (id: TLShapeId | undefined) => {
      const card = id && this.editor.getShape(id)
      return (card && this.editor.getShapeUtil(card).getText(card)?.trim()) || 'a card'
    }
    const kind = RouteKinds.get(shape.props.kind).label
    const sentence = `${kind}, from ${name(ends?.start.toId)} to ${name(ends?.end.toId)}.`
    return shape.props.note ? `${sentence} ${shape.props.note}.` : sentence
  }

  component(shape: RouteShape) {
    return (
      <RouteOnCanvas
        shape={shape}
        onNoteChange={(note) =>
          this.editor.updateShape({ id: shape.id, type: ROUTE_SHAPE_TYPE, props: { note } })
        }
      />
    )
  }

  override toSvg(shape: RouteShape) {
    return <RouteDrawing kind={shape.props.kind} note={shape.props.note} end={shape.props.end} />
  }
}

function RouteOnCanvas({
  shape,
  onNoteChange,
}: {
  shape: RouteShape
  onNoteChange: (note: string) => void
}) {
  const isEditing = useIsEditing(shape.id)
  const input = useFocusWhileEditing<HTMLInputElement>(isEditing)
  const { kind, note, end } = shape.props
  const label = routeLabelBox(kind, note, end)
  const inputWidth = Math.max(label.w, 240)
  return (
    <>
      <SVGContainer style={{ overflow: 'visible' }}>
        <RouteDrawing kind={kind} note={note} end={end} />
      </SVGContainer>
      {isEditing && (
        <HTMLContainer style={{ overflow: 'visible', pointerEvents: 'all' }}>
          <input
            ref={input}
            className="map-route__input"
            style={{
              left: end.x / 2 - inputWidth / 2,
              top: label.y + label.h + 6,
              width: inputWidth,
            }}
            aria-label="Note about this route"
            placeholder="For example: 6 week wait"
            value={note}
            maxLength={MAX_SHORT_TEXT}
            onChange={(event) => onNoteChange(event.currentTarget.value)}
            onPointerDown={stopEventPropagation}
          />
        </HTMLContainer>
      )}
    </>
  )
}
