import { defaultBindingUtils, defaultShapeUtils } from 'tldraw'
import { ActionShapeUtil } from './ActionShapeUtil'
import { PersonShapeUtil } from './PersonShapeUtil'
import { PurposeNoteShapeUtil } from './PurposeNoteShapeUtil'
import { RouteBindingUtil } from './RouteBindingUtil'
import { RouteShapeUtil } from './RouteShapeUtil'
import { ServiceShapeUtil } from './ServiceShapeUtil'

/**
 * Every shape util a board uses: tldraw's own and the service map's. The store
 * (`createTLStore`) and the editor (`<Tldraw shapeUtils>`) must get the same list, or the store's
 * schema would not be the one the server checks; and tldraw compares these arrays by identity,
 * so they are built once, here, and never inside a component.
 */
export const BOARD_SHAPE_UTILS = [
  ...defaultShapeUtils,
  ServiceShapeUtil,
  PersonShapeUtil,
  RouteShapeUtil,
  PurposeNoteShapeUtil,
  ActionShapeUtil,
] as const

/** Every binding util a board uses; see {@link BOARD_SHAPE_UTILS}. */
export const BOARD_BINDING_UTILS = [...defaultBindingUtils, RouteBindingUtil] as const
