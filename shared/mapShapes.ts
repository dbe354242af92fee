import type { SchemaPropsInfo, TLShape } from '@tldraw/tlschema'
import {
  ROUTE_BINDING_TYPE,
  routeBindingMigrations,
  routeBindingProps,
} from './bindings/routeBinding'
import {
  ACTION_SHAPE_TYPE,
  actionShapeMigrations,
  actionShapeProps,
  defaultActionShapeProps,
} from './shapes/actionShape'
import {
  defaultPersonShapeProps,
  PERSON_SHAPE_TYPE,
  personShapeMigrations,
  personShapeProps,
} from './shapes/personShape'
import {
  defaultPurposeNoteShapeProps,
  PURPOSE_NOTE_SHAPE_TYPE,
  purposeNoteShapeMigrations,
  purposeNoteShapeProps,
} from './shapes/purposeNoteShape'
import {
  defaultRouteShapeProps,
  ROUTE_SHAPE_TYPE,
  routeShapeMigrations,
  routeShapeProps,
} from './shapes/routeShape'
import {
  defaultServiceShapeProps,
  SERVICE_SHAPE_TYPE,
  serviceShapeMigrations,
  serviceShapeProps,
} from './shapes/serviceShape'

/**
 * The service map's own shapes: their validators and migrations, by shape type. The server,
 * the client store and the schema fingerprint all read them from here.
 */
export const mapShapeSchemas = {
  [SERVICE_SHAPE_TYPE]: { props: serviceShapeProps, migrations: serviceShapeMigrations },
  [PERSON_SHAPE_TYPE]: { props: personShapeProps, migrations: personShapeMigrations },
  [ROUTE_SHAPE_TYPE]: { props: routeShapeProps, migrations: routeShapeMigrations },
  [PURPOSE_NOTE_SHAPE_TYPE]: {
    props: purposeNoteShapeProps,
    migrations: purposeNoteShapeMigrations,
  },
  [ACTION_SHAPE_TYPE]: { props: actionShapeProps, migrations: actionShapeMigrations },
} satisfies Record<string, SchemaPropsInfo>

/** The service map's own bindings, by binding type. */
export const mapBindingSchemas = {
  [ROUTE_BINDING_TYPE]: { props: routeBindingProps, migrations: routeBindingMigrations },
} satisfies Record<string, SchemaPropsInfo>

/** The type of one of the service map's own shapes. */
export type MapShapeType = keyof typeof mapShapeSchemas

/** One of the service map's own shapes. */
export type MapShape = TLShape<MapShapeType>

/** True for the service map's own shapes (not tldraw's built-in ones). */
export function isMapShape(shape: TLShape): shape is MapShape {
  return Object.hasOwn(mapShapeSchemas, shape.type)
}

/** A new, empty one of each of the map's shapes: its props, as every client creates it. */
export const MAP_SHAPE_DEFAULTS: { readonly [Type in MapShapeType]: () => TLShape<Type>['props'] } =
  {
    service: defaultServiceShapeProps,
    person: defaultPersonShapeProps,
    route: defaultRouteShapeProps,
    'purpose-note': defaultPurposeNoteShapeProps,
    action: defaultActionShapeProps,
  }
