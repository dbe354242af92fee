import type { SchemaPropsInfo, TLShape } from '@tldraw/tlschema'
import {
  ROUTE_BINDING_TYPE,
  routeBindingMigrations,
  routeBindingProps,
} from './bindings/routeBinding'
import { ACTION_SHAPE_TYPE, actionShapeMigrations, actionShapeProps } from './shapes/actionShape'
import { PERSON_SHAPE_TYPE, personShapeMigrations, personShapeProps } from './shapes/personShape'
import {
  PURPOSE_NOTE_SHAPE_TYPE,
  purposeNoteShapeMigrations,
  purposeNoteShapeProps,
} from './shapes/purposeNoteShape'
import { ROUTE_SHAPE_TYPE, routeShapeMigrations, routeShapeProps } from './shapes/routeShape'
import {
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
