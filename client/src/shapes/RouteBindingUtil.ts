import {
  BindingUtil,
  type BindingOnChangeOptions,
  type BindingOnCreateOptions,
  type BindingOnShapeChangeOptions,
  type BindingOnShapeDeleteOptions,
  type BindingOnShapeIsolateOptions,
} from 'tldraw'
import {
  defaultRouteBindingProps,
  ROUTE_BINDING_TYPE,
  routeBindingMigrations,
  routeBindingProps,
  type RouteBinding,
} from '../../../shared/bindings/routeBinding'
import { updateRouteGeometry } from './updateRouteGeometry'

/**
 * Ties a route to the cards at its ends (shared/bindings/routeBinding.ts). The route follows
 * its cards wherever they go, and goes when either of them goes: a route to nowhere would tell
 * people about a way that does not exist.
 */
export class RouteBindingUtil extends BindingUtil<RouteBinding> {
  static override type = ROUTE_BINDING_TYPE
  static override props = routeBindingProps
  static override migrations = routeBindingMigrations

  override getDefaultProps(): Partial<RouteBinding['props']> {
    return defaultRouteBindingProps()
  }

  override onAfterCreate({ binding }: BindingOnCreateOptions<RouteBinding>): void {
    updateRouteGeometry(this.editor, binding.fromId)
  }

  override onAfterChange({ bindingAfter }: BindingOnChangeOptions<RouteBinding>): void {
    updateRouteGeometry(this.editor, bindingAfter.fromId)
  }

  /** A card moved, was resized, or the frame it sits in moved. */
  override onAfterChangeToShape({ binding }: BindingOnShapeChangeOptions<RouteBinding>): void {
    updateRouteGeometry(this.editor, binding.fromId)
  }

  /** The route itself was moved or rotated: put it back between its cards. */
  override onAfterChangeFromShape({ binding }: BindingOnShapeChangeOptions<RouteBinding>): void {
    updateRouteGeometry(this.editor, binding.fromId)
  }

  override onBeforeDeleteToShape({ binding }: BindingOnShapeDeleteOptions<RouteBinding>): void {
    this.deleteRoute(binding)
  }

  /**
   * The route is being parted from one of its cards other than by deleting the card: copied or
   * duplicated without it, or its binding removed. tldraw copies and duplicates inside a change
   * it undoes afterwards, so deleting the route here only leaves it out of the copy: a route is
   * copied with both its cards or not at all, and never pasted pointing nowhere.
   */
  override onBeforeIsolateFromShape({ binding }: BindingOnShapeIsolateOptions<RouteBinding>): void {
    this.deleteRoute(binding)
  }

  private deleteRoute(binding: RouteBinding): void {
    if (this.editor.getShape(binding.fromId)) this.editor.deleteShape(binding.fromId)
  }
}
