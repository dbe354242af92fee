import {
  createBindingPropsMigrationIds,
  createBindingPropsMigrationSequence,
  type RecordProps,
  type TLBinding,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { PERSON_SHAPE_TYPE } from '../shapes/personShape'
import { SERVICE_SHAPE_TYPE } from '../shapes/serviceShape'

/** The binding type that ties a route to one of its cards. Part of the document contract. */
export const ROUTE_BINDING_TYPE = 'route-end'

/**
 * The shape types a route can start or end at: services and "someone like me" cards. Notes and
 * actions are not: a route is how a person gets from one place to another, and a barrier or an
 * idea is placed near the route or card it is about instead.
 */
export const ROUTE_END_SHAPE_TYPES = [SERVICE_SHAPE_TYPE, PERSON_SHAPE_TYPE] as const

/** One of {@link ROUTE_END_SHAPE_TYPES}. */
export type RouteEndShapeType = (typeof ROUTE_END_SHAPE_TYPES)[number]

/** True when a shape of this type can be a route's start or end. */
export function isRouteEndType(type: string): type is RouteEndShapeType {
  return (ROUTE_END_SHAPE_TYPES as readonly string[]).includes(type)
}

/** Which end of the route a binding holds. */
export type RouteTerminal = 'start' | 'end'

/**
 * The props of a `route-end` binding. `fromId` is the route, `toId` the card; every route has
 * exactly one binding per terminal.
 */
export interface RouteBindingProps {
  terminal: RouteTerminal
}

declare module '@tldraw/tlschema' {
  interface TLGlobalBindingPropsMap {
    [ROUTE_BINDING_TYPE]: RouteBindingProps
  }
}

/** A binding from a route to the card at one of its ends. */
export type RouteBinding = TLBinding<typeof ROUTE_BINDING_TYPE>

/** Validators for {@link RouteBindingProps}. */
export const routeBindingProps: RecordProps<RouteBinding> = {
  terminal: T.literalEnum('start', 'end'),
}

/**
 * Migration ids of the binding's props. Version 0 is the first published binding; see
 * shapes/serviceShape.ts for how versions are added.
 */
export const routeBindingVersions = createBindingPropsMigrationIds(ROUTE_BINDING_TYPE, {})

/** Migrations of the binding's props, oldest first. */
export const routeBindingMigrations = createBindingPropsMigrationSequence({ sequence: [] })

/** A new route end, at the route's start unless told otherwise. */
export function defaultRouteBindingProps(): RouteBindingProps {
  return { terminal: 'start' }
}
