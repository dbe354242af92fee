import { atom, StateNode, type Editor, type TLShape, type TLShapeId, type VecModel } from 'tldraw'
import { isRouteEndType } from '../../../shared/bindings/routeBinding'
import { ROUTE_SHAPE_TYPE, type RouteKind } from '../../../shared/shapes/routeShape'
import { createRoute } from '../shapes/createRoute'

/** What the route tool shows while a person drags from one card towards another. */
export interface RoutePreview {
  /** The card the route starts from. */
  readonly fromId: TLShapeId
  /** Where the pointer is, in page space. */
  readonly point: VecModel
  /** The card under the pointer that the route would end at, if any. */
  readonly toId: TLShapeId | undefined
}

/** The kind a route drawn with the tool starts as; its form changes it. */
const DRAWN_ROUTE_KIND: RouteKind = 'referral'

/** The service or person card at a page point, if any. */
function cardAt(editor: Editor, point: VecModel, except?: TLShapeId): TLShape | undefined {
  return editor.getShapeAtPoint(point, {
    hitInside: true,
    filter: (shape) => isRouteEndType(shape.type) && shape.id !== except,
  })
}

/**
 * Draws a route: press on a service or person card, drag to another and let go. A preview line
 * follows the pointer and the card it would join is highlighted; letting go anywhere else, or on
 * the same card, or pressing Escape, makes nothing. The route is written in one change only when
 * it is made, so other people never see a half-drawn one.
 */
export class RouteTool extends StateNode {
  static override id = ROUTE_SHAPE_TYPE
  static override initial = 'idle'
  static override children() {
    return [RouteToolIdle, RouteToolConnecting]
  }

  /** The preview while connecting, or null; the canvas overlay draws it. */
  readonly preview = atom<RoutePreview | null>('route preview', null)
}

class RouteToolIdle extends StateNode {
  static override id = 'idle'

  override onEnter() {
    this.editor.setCursor({ type: 'cross', rotation: 0 })
  }

  override onPointerDown() {
    const card = cardAt(this.editor, this.editor.inputs.getCurrentPagePoint())
    if (card) this.parent.transition('connecting', { fromId: card.id })
  }

  override onCancel() {
    this.editor.setCurrentTool('select')
  }
}

class RouteToolConnecting extends StateNode {
  static override id = 'connecting'
  private fromId: TLShapeId | undefined

  private get preview() {
    return (this.parent as RouteTool).preview
  }

  override onEnter(info: { fromId: TLShapeId }) {
    this.fromId = info.fromId
    this.update()
  }

  override onPointerMove() {
    this.update()
  }

  override onPointerUp() {
    const preview = this.preview.get()
    if (!preview?.toId) {
      this.parent.transition('idle')
      return
    }
    this.editor.markHistoryStoppingPoint('drawing a route')
    const routeId = createRoute(this.editor, preview.fromId, preview.toId, DRAWN_ROUTE_KIND)
    if (routeId) this.editor.select(routeId)
    if (this.editor.getInstanceState().isToolLocked) this.parent.transition('idle')
    else this.editor.setCurrentTool('select.idle')
  }

  override onCancel() {
    this.parent.transition('idle')
  }

  override onInterrupt() {
    this.parent.transition('idle')
  }

  override onExit() {
    this.preview.set(null)
    this.editor.setHintingShapes([])
  }

  private update() {
    if (!this.fromId) return
    const point = this.editor.inputs.getCurrentPagePoint()
    const to = cardAt(this.editor, point, this.fromId)
    this.preview.set({ fromId: this.fromId, point: { x: point.x, y: point.y }, toId: to?.id })
    this.editor.setHintingShapes(to ? [this.fromId, to.id] : [this.fromId])
  }
}
