import {
  createShapePropsMigrationIds,
  createShapePropsMigrationSequence,
  vecModelValidator,
  type RecordProps,
  type TLShape,
  type VecModel,
} from '@tldraw/tlschema'
import { boundedText, MAX_SHORT_TEXT } from './boundedText'
import { defineChoices } from '../defineChoices'

/** The shape type of a route between two cards. Part of the document contract. */
export const ROUTE_SHAPE_TYPE = 'route'

/**
 * How a person gets (or fails to get) from one card to another. On the canvas each kind has its
 * own line style and its label written on the line, never colour alone.
 */
export const RouteKinds = defineChoices(
  ['referral', 'self-referral', 'hand-over', 'bounced-back', 'gap'],
  {
    referral: {
      label: 'Referral',
      description: 'One service refers the person to the other. Drawn as a solid line.',
    },
    'self-referral': {
      label: 'Self-referral',
      description: 'The person goes to the other service on their own. Drawn as a dashed line.',
    },
    'hand-over': {
      label: 'Hand-over',
      description:
        'One service passes the person, and what it knows, to the other. Drawn as a double line.',
    },
    'bounced-back': {
      label: 'Bounced back',
      description:
        'The person was sent back or turned away. Drawn as a zigzag with arrows both ways.',
    },
    gap: {
      label: 'Gap: no route here',
      description: 'There should be a way from one to the other, but there is none. Drawn broken.',
    },
  },
)

/** One of the ids in {@link RouteKinds}. */
export type RouteKind = (typeof RouteKinds.ids)[number]

/**
 * The props of a route. A route always joins two cards through two `route-end` bindings
 * (shared/bindings/routeBinding.ts); its position is its start point, and `end` is where it
 * ends relative to that. Both are kept up to date by the client as the cards move, so the
 * stored document can be drawn without recomputing anything.
 */
export interface RouteShapeProps {
  kind: RouteKind
  /** Anything people want to say about this route, e.g. "6 week wait". */
  note: string
  /** The end point, relative to the route's position, in its parent's space. */
  end: VecModel
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [ROUTE_SHAPE_TYPE]: RouteShapeProps
  }
}

/** A route from one card to another. */
export type RouteShape = TLShape<typeof ROUTE_SHAPE_TYPE>

/** Validators for {@link RouteShapeProps}. */
export const routeShapeProps: RecordProps<RouteShape> = {
  kind: RouteKinds.validator,
  note: boundedText(MAX_SHORT_TEXT),
  end: vecModelValidator,
}

/**
 * Migration ids of the route's props. Version 0 is the first published shape; see
 * serviceShape.ts for how versions are added.
 */
export const routeShapeVersions = createShapePropsMigrationIds(ROUTE_SHAPE_TYPE, {})

/** Migrations of the route's props, oldest first. */
export const routeShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })

/** A new route: a referral, until someone says otherwise. */
export function defaultRouteShapeProps(): RouteShapeProps {
  return { kind: 'referral', note: '', end: { x: 0, y: 0 } }
}
