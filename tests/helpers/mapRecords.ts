import {
  createBindingId,
  createShapeId,
  PageRecordType,
  type TLRecord,
  type TLShape,
  type TLShapeId,
} from '@tldraw/tlschema'
import {
  defaultRouteBindingProps,
  ROUTE_BINDING_TYPE,
  type RouteBinding,
  type RouteTerminal,
} from '../../shared/bindings/routeBinding'
import { MAP_SHAPE_DEFAULTS, type MapShapeType } from '../../shared/mapShapes'
import { commonmapSchema } from '../../shared/schema'

/** The page every board starts with (server/initialBoardState.ts). */
export const TEST_PAGE_ID = PageRecordType.createId('page')

/** A complete shape record on the first page, at the origin, with the given props. */
export function shapeRecord<Shape extends TLShape>(
  type: Shape['type'],
  name: string,
  props: Shape['props'],
  changes: Partial<Omit<Shape, 'props'>> = {},
): Shape {
  return {
    id: createShapeId(name),
    typeName: 'shape',
    type,
    parentId: TEST_PAGE_ID,
    index: 'a1' as TLShape['index'],
    x: 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props,
    ...changes,
  } as Shape
}

/** A complete record of one of the map's shapes, with default props unless told otherwise. */
export function mapShapeRecord<Type extends MapShapeType>(
  type: Type,
  name: string,
  props: Partial<TLShape<Type>['props']> = {},
  changes: Partial<Omit<TLShape<Type>, 'props'>> = {},
): TLShape<Type> {
  return shapeRecord<TLShape<Type>>(
    type,
    name,
    { ...MAP_SHAPE_DEFAULTS[type](), ...props } as TLShape<Type>['props'],
    changes,
  )
}

/** The binding that ties one end of a route to a card. */
export function routeBindingRecord(
  routeId: TLShapeId,
  cardId: TLShapeId,
  terminal: RouteTerminal,
): RouteBinding {
  return {
    id: createBindingId(`${routeId.slice('shape:'.length)}-${terminal}`),
    typeName: 'binding',
    type: ROUTE_BINDING_TYPE,
    fromId: routeId,
    toId: cardId,
    props: { ...defaultRouteBindingProps(), terminal },
    meta: {},
  }
}

/** Validates a record with the schema every client and the server share; throws when invalid. */
export function validateWithSchema(record: unknown): TLRecord {
  return commonmapSchema.validateRecord(null as never, record as TLRecord, 'initialize', null)
}
