import type { TLRecord, TLShapeId } from '@tldraw/tlschema'
import type { RouteKind } from '../../shared/shapes/routeShape'
import { mapShapeRecord, routeBindingRecord } from './mapRecords'
import { participantId } from './participants'

/** A route shape and its two bindings, as a client writes them. */
export function routeRecords(
  name: string,
  from: TLShapeId,
  to: TLShapeId,
  kind: RouteKind,
  note = '',
): TLRecord[] {
  const route = mapShapeRecord('route', name, { kind, note, end: { x: 200, y: 0 } })
  return [
    route,
    routeBindingRecord(route.id, from, 'start'),
    routeBindingRecord(route.id, to, 'end'),
  ]
}

/**
 * A service map with every kind of map shape in it: services of several kinds, a person,
 * a note of each purpose, actions in each status with each kind of owner, and a route of each
 * kind with its bindings.
 */
export function everyKindOfMapRecord(): TLRecord[] {
  const gp = mapShapeRecord('service', 'gp', {
    name: 'Park Road GP',
    kind: 'health',
    runBy: 'NHS',
    forWhom: 'Anyone registered',
    access: 'self-referral',
  })
  const housing = mapShapeRecord(
    'service',
    'housing',
    {
      name: 'Housing Options',
      kind: 'housing',
      access: 'drop-in',
      notes: 'Mornings only',
    },
    { x: 600 },
  )
  const foodBank = mapShapeRecord(
    'service',
    'food-bank',
    {
      name: 'Food bank',
      kind: 'money',
      access: 'referral',
    },
    { x: 1200 },
  )
  const dad = mapShapeRecord(
    'person',
    'dad',
    {
      situation: 'Single dad, just lost his job',
      needs: 'Somewhere to live',
      wants: 'To stay near the school',
    },
    { y: 400 },
  )
  return [
    gp,
    housing,
    foodBank,
    dad,
    ...routeRecords('dad-gp', dad.id, gp.id, 'self-referral'),
    ...routeRecords('gp-housing', gp.id, housing.id, 'referral', '6 week wait'),
    ...routeRecords('housing-food', housing.id, foodBank.id, 'hand-over'),
    ...routeRecords('housing-gp', housing.id, gp.id, 'bounced-back'),
    ...routeRecords('food-gp', foodBank.id, gp.id, 'gap'),
    mapShapeRecord('purpose-note', 'barrier', { purpose: 'barrier', text: 'Phone lines at 8am' }),
    mapShapeRecord('purpose-note', 'works', { purpose: 'what-works', text: 'Peer support' }),
    mapShapeRecord('purpose-note', 'idea', { purpose: 'idea', text: 'One front door' }),
    mapShapeRecord('purpose-note', 'question', { purpose: 'question', text: 'Who funds it?' }),
    mapShapeRecord('action', 'ask', { what: 'Ask the GP', status: 'not-started' }),
    mapShapeRecord('action', 'write', {
      what: 'Write to the council',
      who: { type: 'named', name: 'The housing manager' },
      due: '2026-06-01',
      status: 'in-progress',
    }),
    mapShapeRecord('action', 'share', {
      what: 'Share the map',
      who: { type: 'participant', participantId: participantId('sam') },
      due: '2026-03-01',
      status: 'done',
    }),
  ]
}
