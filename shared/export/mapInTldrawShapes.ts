import type {
  TLArrowBinding,
  TLArrowShape,
  TLArrowShapeProps,
  TLDefaultColorStyle,
  TLGeoShape,
  TLGeoShapeProps,
  TLNoteShape,
  TLRecord,
  TLRichText,
  TLShape,
  TLShapeId,
} from '@tldraw/tlschema'
import { ROUTE_BINDING_TYPE, type RouteBinding } from '../bindings/routeBinding'
import type { MapOutline } from '../mapOutline'
import { actionStatus, actionWhat, actionWhoAndWhen, serviceDetailParts } from '../outlineWords'
import { ACTION_SHAPE_TYPE } from '../shapes/actionShape'
import { PERSON_SHAPE_TYPE } from '../shapes/personShape'
import { NotePurposes, PURPOSE_NOTE_SHAPE_TYPE, type NotePurpose } from '../shapes/purposeNoteShape'
import { ROUTE_SHAPE_TYPE, RouteKinds, type RouteKind, type RouteShape } from '../shapes/routeShape'
import { SERVICE_SHAPE_TYPE, ServiceKinds, type ServiceKind } from '../shapes/serviceShape'
import {
  TLDRAW_FONT_SIZES,
  TLDRAW_LABEL_PADDING,
  TLDRAW_NOTE_SIZE,
  textHeight,
} from './shapePlacement'

/** What a card or route says: what kind of thing it is, then its words, a line each. */
interface Words {
  readonly heading: string
  readonly lines: readonly string[]
}

/**
 * How each kind of card looks in tldraw's own shapes. Never by colour alone: each kind of card
 * has its own outline (a box, a rounded box, a dashed box, a sticky note) and the first line of
 * its label, in bold, says what it is ("Service · Housing", "Barrier").
 */
const CARD_LOOKS = {
  [SERVICE_SHAPE_TYPE]: { geo: 'rectangle', dash: 'solid', align: 'start', verticalAlign: 'start' },
  // Words in a rounded box sit in its middle, clear of its curved ends.
  [PERSON_SHAPE_TYPE]: { geo: 'oval', dash: 'solid', align: 'middle', verticalAlign: 'middle' },
  [ACTION_SHAPE_TYPE]: { geo: 'rectangle', dash: 'dashed', align: 'start', verticalAlign: 'start' },
} as const satisfies Record<
  string,
  Pick<TLGeoShapeProps, 'geo' | 'dash' | 'align' | 'verticalAlign'>
>

const SERVICE_COLOURS: Record<ServiceKind, TLDefaultColorStyle> = {
  health: 'blue',
  'mental-health': 'violet',
  housing: 'orange',
  money: 'green',
  'drugs-alcohol': 'light-red',
  justice: 'grey',
  community: 'yellow',
  other: 'light-blue',
}

const NOTE_COLOURS: Record<NotePurpose, TLDefaultColorStyle> = {
  barrier: 'red',
  'what-works': 'green',
  idea: 'yellow',
  question: 'light-blue',
}

type RouteLook = Pick<
  TLArrowShapeProps,
  'dash' | 'size' | 'color' | 'arrowheadStart' | 'arrowheadEnd'
>

/**
 * How each kind of route is drawn as a tldraw arrow: each by its own line and arrowheads as
 * well as its label, so none is told apart by colour alone. As on the canvas, a self-referral
 * is dashed, a hand-over heavy and a person bounced back drawn by a shaky hand with arrowheads
 * both ways; a gap is dashed too, but thicker and with no arrowheads: there is no way through.
 */
const ROUTE_LOOKS: Record<RouteKind, RouteLook> = {
  referral: {
    dash: 'solid',
    size: 'm',
    color: 'black',
    arrowheadStart: 'none',
    arrowheadEnd: 'arrow',
  },
  'self-referral': {
    dash: 'dashed',
    size: 'm',
    color: 'black',
    arrowheadStart: 'none',
    arrowheadEnd: 'arrow',
  },
  'hand-over': {
    dash: 'solid',
    size: 'xl',
    color: 'black',
    arrowheadStart: 'none',
    arrowheadEnd: 'triangle',
  },
  'bounced-back': {
    dash: 'draw',
    size: 'm',
    color: 'orange',
    arrowheadStart: 'arrow',
    arrowheadEnd: 'arrow',
  },
  gap: { dash: 'dashed', size: 'l', color: 'red', arrowheadStart: 'none', arrowheadEnd: 'none' },
}

/** The size of the words on cards: tldraw's small, so a card holds as much as it does here. */
const LABEL_SIZE = 's'

/**
 * The service map's shapes as tldraw's own (default) shapes, so a board opens in any tldraw app:
 * services, "someone like me" and actions become geo shapes, notes become tldraw notes, each
 * keeping its id, place and words (as `outline` says them, so an action owned by someone not
 * named says "Someone"); a route that joins two cards becomes an arrow bound to both, labelled
 * with its kind and note. Returns only the new records; anything else on the board is left to
 * the caller, and a route that does not join two cards is left out with its bindings.
 */
export function mapInTldrawShapes(records: readonly TLRecord[], outline: MapOutline): TLRecord[] {
  const words = mapWords(outline)
  const converted: TLRecord[] = []
  for (const record of records) {
    if (record.typeName === 'binding') {
      if (record.type === ROUTE_BINDING_TYPE && words.has(record.fromId)) {
        converted.push(arrowBinding(record as RouteBinding))
      }
      continue
    }
    if (record.typeName !== 'shape') continue
    const said = words.get(record.id)
    if (!said) continue
    switch (record.type) {
      case SERVICE_SHAPE_TYPE:
        converted.push(geoCard(record, said, SERVICE_COLOURS[record.props.kind]))
        break
      case PERSON_SHAPE_TYPE:
        converted.push(geoCard(record, said, 'grey'))
        break
      case ACTION_SHAPE_TYPE:
        converted.push(geoCard(record, said, 'light-violet'))
        break
      case PURPOSE_NOTE_SHAPE_TYPE:
        converted.push(noteCard(record, said, NOTE_COLOURS[record.props.purpose]))
        break
      case ROUTE_SHAPE_TYPE:
        converted.push(routeArrow(record, said))
        break
    }
  }
  return converted
}

/** What every card and every route that joins two cards says, by shape id. */
function mapWords(outline: MapOutline): Map<string, Words> {
  const words = new Map<string, Words>()
  for (const { services } of outline.serviceGroups) {
    for (const service of services) {
      words.set(service.id, {
        heading: `Service · ${ServiceKinds.get(service.kind).label}`,
        lines: [service.name, ...serviceDetailParts(service), service.notes],
      })
    }
  }
  for (const person of outline.people) {
    words.set(person.id, {
      heading: 'Someone like me',
      lines: [
        person.situation,
        person.needs && `Needs: ${person.needs}`,
        person.wants && `Wants: ${person.wants}`,
      ],
    })
  }
  for (const { purpose, notes } of outline.notes) {
    for (const note of notes) {
      words.set(note.id, { heading: NotePurposes.get(purpose).label, lines: [note.text] })
    }
  }
  for (const action of outline.actions) {
    words.set(action.id, {
      heading: `Action · ${actionStatus(action)}`,
      lines: [actionWhat(action), actionWhoAndWhen(action)],
    })
  }
  for (const route of [...outline.routes, ...outline.gaps]) {
    words.set(route.id, { heading: RouteKinds.get(route.kind).label, lines: [route.note] })
  }
  return words
}

/** The words as plain text, one line each, with the empty ones left out. */
function plainWords({ heading, lines }: Words): string {
  return [heading, ...lines].filter((line) => line.trim()).join('\n')
}

/** The words as tldraw rich text: the heading in bold, then a paragraph for each line. */
function richWords(said: Words): TLRichText {
  const [heading, ...rest] = plainWords(said).split('\n')
  const paragraph = (text: string, marks?: { type: string }[]) => ({
    type: 'paragraph',
    content: [{ type: 'text', text, ...(marks && { marks }) }],
  })
  return {
    type: 'doc',
    content: [paragraph(heading!, [{ type: 'bold' }]), ...rest.map((line) => paragraph(line))],
  }
}

/** What a converted shape keeps of the map shape: its id, place and stacking; never its meta. */
function placed(shape: TLShape) {
  return {
    id: shape.id,
    typeName: 'shape',
    parentId: shape.parentId,
    index: shape.index,
    x: shape.x,
    y: shape.y,
    rotation: shape.rotation,
    isLocked: shape.isLocked,
    opacity: shape.opacity,
    meta: {},
  } as const
}

/** How much taller than `h` a card must grow to hold its words (tldraw's `growY`). */
function growthFor(said: Words, w: number, h: number): number {
  const fontSize = TLDRAW_FONT_SIZES.label[LABEL_SIZE]
  const padding = TLDRAW_LABEL_PADDING
  const needed = textHeight(plainWords(said), w - 2 * padding, fontSize) + 2 * padding
  return Math.max(0, Math.ceil(needed - h))
}

function geoCard(
  shape: TLShape<typeof SERVICE_SHAPE_TYPE | typeof PERSON_SHAPE_TYPE | typeof ACTION_SHAPE_TYPE>,
  said: Words,
  color: TLDefaultColorStyle,
): TLGeoShape {
  const { w, h } = shape.props
  return {
    ...placed(shape),
    type: 'geo',
    props: {
      ...CARD_LOOKS[shape.type],
      url: '',
      w,
      h,
      growY: growthFor(said, w, h),
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color,
      fill: 'solid',
      size: LABEL_SIZE,
      font: 'sans',
      richText: richWords(said),
    },
  }
}

/** A note with a purpose as a tldraw note as wide as the card (tldraw's notes are square). */
function noteCard(
  shape: TLShape<typeof PURPOSE_NOTE_SHAPE_TYPE>,
  said: Words,
  color: TLDefaultColorStyle,
): TLNoteShape {
  const scale = shape.props.w / TLDRAW_NOTE_SIZE
  return {
    ...placed(shape),
    type: 'note',
    props: {
      color,
      labelColor: 'black',
      size: LABEL_SIZE,
      font: 'sans',
      fontSizeAdjustment: null,
      align: 'start',
      verticalAlign: 'start',
      growY: growthFor(said, TLDRAW_NOTE_SIZE, TLDRAW_NOTE_SIZE),
      url: '',
      richText: richWords(said),
      scale,
      textLastEditedBy: null,
    },
  }
}

function routeArrow(route: RouteShape, said: Words): TLArrowShape {
  return {
    ...placed(route),
    type: 'arrow',
    props: {
      ...ROUTE_LOOKS[route.props.kind],
      kind: 'arc',
      labelColor: 'black',
      fill: 'none',
      font: 'sans',
      start: { x: 0, y: 0 },
      end: { ...route.props.end },
      bend: 0,
      richText: richWords(said),
      labelPosition: 0.5,
      scale: 1,
      elbowMidPoint: 0.5,
    },
  }
}

/** A route's end as an arrow's binding: the arrow points at the middle of the card. */
function arrowBinding(binding: RouteBinding): TLArrowBinding {
  return {
    id: binding.id,
    typeName: 'binding',
    type: 'arrow',
    fromId: binding.fromId,
    toId: binding.toId as TLShapeId,
    props: {
      terminal: binding.props.terminal,
      normalizedAnchor: { x: 0.5, y: 0.5 },
      isExact: false,
      isPrecise: false,
      snap: 'none',
    },
    meta: {},
  }
}
