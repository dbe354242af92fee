import type { TLRecord, TLShapeId } from '@tldraw/tlschema'
import { templateShapeId } from '../../shared/sessionAreas'
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
 * A small service map laid out as a group might make it, with every kind of map shape in it:
 * services of four kinds, a person, a route of each kind (with its bindings), a note of each
 * purpose, and actions in each status with each kind of owner.
 */
export function everyKindOfMapRecord(): TLRecord[] {
  const at = (x: number, y: number) => ({ x, y })
  const gp = mapShapeRecord(
    'service',
    'gp',
    {
      name: 'Park Road GP',
      kind: 'health',
      runBy: 'NHS',
      forWhom: 'Anyone registered',
      access: 'self-referral',
    },
    at(0, 0),
  )
  const housing = mapShapeRecord(
    'service',
    'housing',
    {
      name: 'Housing Options',
      kind: 'housing',
      runBy: 'The council',
      access: 'drop-in',
      notes: 'Mornings only',
    },
    at(700, 0),
  )
  const foodBank = mapShapeRecord(
    'service',
    'food-bank',
    { name: 'Food bank', kind: 'money', runBy: 'A church', access: 'referral' },
    at(1400, 0),
  )
  const crisis = mapShapeRecord(
    'service',
    'crisis',
    { name: 'Crisis team', kind: 'mental-health', access: 'referral' },
    at(0, 520),
  )
  const dad = mapShapeRecord(
    'person',
    'dad',
    {
      situation: 'Single dad, just lost his job',
      needs: 'Somewhere to live',
      wants: 'To stay near the school',
    },
    at(700, 520),
  )
  const note = (
    name: string,
    purpose: 'barrier' | 'what-works' | 'idea' | 'question',
    text: string,
    x: number,
  ) => mapShapeRecord('purpose-note', name, { purpose, text }, at(x, 1000))
  return [
    gp,
    housing,
    foodBank,
    crisis,
    dad,
    ...routeRecords('dad-gp', dad.id, gp.id, 'self-referral'),
    ...routeRecords('gp-housing', gp.id, housing.id, 'referral', '6 week wait'),
    ...routeRecords('housing-food', housing.id, foodBank.id, 'hand-over'),
    ...routeRecords('housing-dad', housing.id, dad.id, 'bounced-back', 'No local connection'),
    ...routeRecords('gp-crisis', gp.id, crisis.id, 'gap'),
    note('barrier', 'barrier', 'Phone lines only open at 8am', 0),
    note('works', 'what-works', 'Peer support at the drop-in', 350),
    note('idea', 'idea', 'One front door for housing and money', 700),
    note('question', 'question', 'Who funds the crisis team?', 1050),
    mapShapeRecord('action', 'ask', { what: 'Ask the GP about longer phone hours' }, at(0, 1300)),
    mapShapeRecord(
      'action',
      'write',
      {
        what: 'Write to the council about local connection',
        who: { type: 'named', name: 'The housing manager' },
        due: '2026-06-01',
        status: 'in-progress',
      },
      at(400, 1300),
    ),
    mapShapeRecord(
      'action',
      'share',
      {
        what: 'Share the map with everyone who came',
        who: { type: 'participant', participantId: participantId('sam') },
        due: '2026-03-01',
        status: 'done',
      },
      at(800, 1300),
    ),
  ]
}

/**
 * {@link everyKindOfMapRecord} laid out on a co-design session board: the cards and routes in
 * the map's area, the notes and actions on the page below the areas.
 */
export function everyKindOfMapRecordInSession(): TLRecord[] {
  return everyKindOfMapRecord().map((record): TLRecord => {
    if (record.typeName !== 'shape') return record
    return record.y < 1000
      ? { ...record, parentId: templateShapeId('map'), x: record.x + 60, y: record.y + 150 }
      : { ...record, y: record.y + 1200 }
  })
}

/**
 * The main words of each card among `records`, to look for in an export: a service's name, a
 * "someone like me" card's situation, a note's words, what an action will do.
 */
export function cardWords(records: Iterable<TLRecord>): { id: TLShapeId; words: string }[] {
  const cards = ['service', 'person', 'purpose-note', 'action']
  return [...records].flatMap((record) => {
    if (record.typeName !== 'shape' || !cards.includes(record.type)) return []
    const props = record.props as Record<string, unknown>
    return [
      { id: record.id, words: String(props.name ?? props.situation ?? props.text ?? props.what) },
    ]
  })
}
