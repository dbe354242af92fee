import type { TLRecord, TLShape, TLShapeId } from '@tldraw/tlschema'
import { assertNever } from './assertNever'
import { ROUTE_BINDING_TYPE, type RouteBinding } from './bindings/routeBinding'
import type { Participant } from './participant'
import type { ActionOwner, ActionShape, ActionStatus } from './shapes/actionShape'
import type { PersonShape } from './shapes/personShape'
import { NotePurposes, type NotePurpose, type PurposeNoteShape } from './shapes/purposeNoteShape'
import type { RouteKind, RouteShape } from './shapes/routeShape'
import {
  ServiceKinds,
  type ServiceAccessId,
  type ServiceKind,
  type ServiceShape,
} from './shapes/serviceShape'

/** A card a route can join, named the way the list and exports name it. */
export interface OutlineCardRef {
  readonly id: TLShapeId
  readonly type: 'service' | 'person'
  /** The card's name, or a plain stand-in when it has none yet. */
  readonly name: string
}

/** A route between two cards. */
export interface OutlineRoute {
  readonly id: TLShapeId
  readonly kind: RouteKind
  readonly from: OutlineCardRef
  readonly to: OutlineCardRef
  readonly note: string
}

/** A service, with the routes that lead into and out of it (gaps are listed on their own). */
export interface OutlineService extends OutlineCardRef {
  readonly type: 'service'
  readonly kind: ServiceKind
  readonly runBy: string
  readonly forWhom: string
  readonly access: ServiceAccessId
  readonly notes: string
  readonly routesIn: readonly OutlineRoute[]
  readonly routesOut: readonly OutlineRoute[]
}

/** A "someone like me" card, with its routes. */
export interface OutlinePerson extends OutlineCardRef {
  readonly type: 'person'
  readonly situation: string
  readonly needs: string
  readonly wants: string
  readonly routesIn: readonly OutlineRoute[]
  readonly routesOut: readonly OutlineRoute[]
}

/** A note with a purpose. */
export interface OutlineNote {
  readonly id: TLShapeId
  readonly purpose: NotePurpose
  readonly text: string
}

/** An action, with its owner resolved to a name. */
export interface OutlineAction {
  readonly id: TLShapeId
  readonly what: string
  /** Who will do it, as a name to show; empty when nobody has said yet. */
  readonly who: string
  /** `YYYY-MM-DD`, or empty. */
  readonly due: string
  readonly status: ActionStatus
}

/**
 * A service map as structured data: what the "map as a list" panel shows and what exports
 * (CSV, HTML, PDF) are made from. Every list is in a stable order that does not depend on
 * where things sit on the canvas, so moving a card never reorders the list.
 */
export interface MapOutline {
  /** Services grouped by kind, in the order of `ServiceKinds`; kinds with no services are left out. */
  readonly serviceGroups: readonly {
    readonly kind: ServiceKind
    readonly services: readonly OutlineService[]
  }[]
  readonly people: readonly OutlinePerson[]
  /** Every route that is not a gap, by the name of the card it starts from. */
  readonly routes: readonly OutlineRoute[]
  /** Routes of kind `gap`: places where there is no route. */
  readonly gaps: readonly OutlineRoute[]
  /** Notes by purpose, every purpose present (possibly empty), in the order of `NotePurposes`. */
  readonly notes: readonly {
    readonly purpose: NotePurpose
    readonly notes: readonly OutlineNote[]
  }[]
  /** Actions with a date first, soonest first; then the rest in the order they were added. */
  readonly actions: readonly OutlineAction[]
  /** True when the map has nothing of its own on it yet. */
  readonly isEmpty: boolean
}

/** What to call a service that has no name yet. */
export const UNNAMED_SERVICE = 'A service with no name yet'
/** What to call a "someone like me" card that says nothing yet. */
export const UNNAMED_PERSON = 'Someone like me'
/** How an action owner who has left the board's participant list is shown. */
export const UNLISTED_OWNER = 'Someone who is no longer listed'

const PERSON_NAME_LENGTH = 60

/**
 * Reads a service map out of a board's records (shapes and bindings, e.g. one page's). Records
 * that are not the map's own are ignored, and so is a route that does not join two cards: the
 * document is written by many clients, and a half-made route must not break the list.
 */
export function mapOutline(
  records: Iterable<TLRecord>,
  participantsById: ReadonlyMap<string, Participant> = new Map(),
): MapOutline {
  const services: ServiceShape[] = []
  const people: PersonShape[] = []
  const routeShapes: RouteShape[] = []
  const notes: PurposeNoteShape[] = []
  const actions: ActionShape[] = []
  const routeEnds = new Map<string, { start?: TLShapeId; end?: TLShapeId }>()

  for (const record of records) {
    if (record.typeName === 'binding') {
      if (record.type !== ROUTE_BINDING_TYPE) continue
      const binding = record as RouteBinding
      const ends = routeEnds.get(binding.fromId) ?? {}
      ends[binding.props.terminal] = binding.toId
      routeEnds.set(binding.fromId, ends)
      continue
    }
    if (record.typeName !== 'shape') continue
    switch (record.type) {
      case 'service':
        services.push(record)
        break
      case 'person':
        people.push(record)
        break
      case 'route':
        routeShapes.push(record)
        break
      case 'purpose-note':
        notes.push(record)
        break
      case 'action':
        actions.push(record)
        break
    }
  }

  const cards = new Map<string, OutlineCardRef>()
  for (const service of services) {
    cards.set(service.id, { id: service.id, type: 'service', name: serviceName(service) })
  }
  for (const person of people) {
    cards.set(person.id, { id: person.id, type: 'person', name: personName(person) })
  }

  const routes: OutlineRoute[] = []
  for (const route of routeShapes) {
    const ends = routeEnds.get(route.id)
    const from = ends?.start && cards.get(ends.start)
    const to = ends?.end && cards.get(ends.end)
    if (!from || !to) continue
    routes.push({ id: route.id, kind: route.props.kind, from, to, note: route.props.note })
  }
  routes.sort(
    (a, b) =>
      compareText(a.from.name, b.from.name) ||
      compareText(a.to.name, b.to.name) ||
      compareIds(a, b),
  )
  const paths = routes.filter((route) => route.kind !== 'gap')
  const routesOf = (id: TLShapeId) => ({
    routesIn: paths.filter((route) => route.to.id === id),
    routesOut: paths.filter((route) => route.from.id === id),
  })

  const outlineServices: OutlineService[] = services
    .map((service) => ({
      id: service.id,
      type: 'service' as const,
      name: serviceName(service),
      kind: service.props.kind,
      runBy: service.props.runBy,
      forWhom: service.props.forWhom,
      access: service.props.access,
      notes: service.props.notes,
      ...routesOf(service.id),
    }))
    .sort((a, b) => compareText(a.name, b.name) || compareIds(a, b))

  return {
    serviceGroups: ServiceKinds.ids
      .map((kind) => ({ kind, services: outlineServices.filter((s) => s.kind === kind) }))
      .filter((group) => group.services.length > 0),
    people: byCreation(people).map((person) => ({
      id: person.id,
      type: 'person',
      name: personName(person),
      situation: person.props.situation,
      needs: person.props.needs,
      wants: person.props.wants,
      ...routesOf(person.id),
    })),
    routes: paths,
    gaps: routes.filter((route) => route.kind === 'gap'),
    notes: NotePurposes.ids.map((purpose) => ({
      purpose,
      notes: byCreation(notes.filter((note) => note.props.purpose === purpose)).map((note) => ({
        id: note.id,
        purpose,
        text: note.props.text,
      })),
    })),
    actions: sortActions(actions).map((action) => ({
      id: action.id,
      what: action.props.what,
      who: ownerName(action.props.who, (id) => participantsById.get(id)?.name),
      due: action.props.due,
      status: action.props.status,
    })),
    isEmpty: services.length + people.length + routes.length + notes.length + actions.length === 0,
  }
}

/** The name a service card is listed by. */
export function serviceName(service: ServiceShape): string {
  return service.props.name.trim() || UNNAMED_SERVICE
}

/** The name a "someone like me" card is listed by: the start of its situation. */
export function personName(person: PersonShape): string {
  const firstLine = person.props.situation.trim().split('\n')[0]?.trim() ?? ''
  if (!firstLine) return UNNAMED_PERSON
  return firstLine.length > PERSON_NAME_LENGTH
    ? `${firstLine.slice(0, PERSON_NAME_LENGTH - 1).trimEnd()}…`
    : firstLine
}

/**
 * The name to show for an action's owner; empty when nobody has said who. `nameOf` finds a
 * participant's current name (from the board's participants, or tldraw's user records).
 */
export function ownerName(
  owner: ActionOwner,
  nameOf: (participantId: string) => string | null | undefined,
): string {
  switch (owner.type) {
    case 'nobody':
      return ''
    case 'named':
      return owner.name.trim()
    case 'participant':
      return nameOf(owner.participantId) ?? UNLISTED_OWNER
    default:
      return assertNever(owner)
  }
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

function compareText(a: string, b: string): number {
  return collator.compare(a, b)
}

function compareIds(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** When a shape was added, as recorded by attribution; shapes without one count as oldest. */
function createdAt(shape: TLShape): number {
  const value = shape.meta.createdAt
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

function byCreation<S extends TLShape>(shapes: S[]): S[] {
  return [...shapes].sort((a, b) => createdAt(a) - createdAt(b) || compareIds(a, b))
}

function sortActions(actions: ActionShape[]): ActionShape[] {
  return byCreation(actions).sort((a, b) => {
    if (a.props.due && b.props.due) return a.props.due.localeCompare(b.props.due)
    return Number(!a.props.due) - Number(!b.props.due)
  })
}
