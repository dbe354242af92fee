import { createShapeId, type TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { mapShapeRecord, routeBindingRecord } from '../tests/helpers/mapRecords'
import { testParticipant } from '../tests/helpers/participants'
import { routeRecords } from '../tests/helpers/serviceMapRecords'
import { mapOutline, ownerName, personName, UNLISTED_OWNER, UNNAMED_SERVICE } from './mapOutline'

const sam = testParticipant('Sam', 'facilitator')

/** A small map: three services, one person, routes of several kinds, notes and actions. */
function workshopMap(): TLRecord[] {
  const gp = mapShapeRecord('service', 'gp', { name: 'Park Road GP', kind: 'health' })
  const ae = mapShapeRecord('service', 'ae', { name: 'A&E', kind: 'health', access: 'drop-in' })
  const housing = mapShapeRecord('service', 'housing', {
    name: 'Housing Options',
    kind: 'housing',
    runBy: 'The council',
    forWhom: 'Anyone at risk of losing their home',
    access: 'self-referral',
  })
  const dad = mapShapeRecord('person', 'dad', { situation: 'Single dad\nLost his job in May' })
  return [
    housing,
    gp,
    ae,
    dad,
    ...routeRecords('dad-gp', dad.id, gp.id, 'self-referral'),
    ...routeRecords('gp-housing', gp.id, housing.id, 'referral', '6 week wait'),
    ...routeRecords('housing-gp', housing.id, gp.id, 'bounced-back'),
    ...routeRecords('ae-housing', ae.id, housing.id, 'gap'),
    mapShapeRecord(
      'purpose-note',
      'phones',
      { purpose: 'barrier', text: 'Phone lines at 8am' },
      {
        meta: { createdAt: 2 },
      },
    ),
    mapShapeRecord(
      'purpose-note',
      'forms',
      { purpose: 'barrier', text: 'Long forms' },
      {
        meta: { createdAt: 1 },
      },
    ),
    mapShapeRecord('purpose-note', 'peer', { purpose: 'what-works', text: 'Peer support' }),
    mapShapeRecord('action', 'later', { what: 'Write to the council', due: '2026-06-01' }),
    mapShapeRecord('action', 'undated', {
      what: 'Find out about drop-ins',
      who: { type: 'participant', participantId: sam.id },
      status: 'in-progress',
    }),
    mapShapeRecord('action', 'soon', {
      what: 'Share the map',
      who: { type: 'named', name: 'Priya' },
      due: '2026-03-01',
      status: 'done',
    }),
  ]
}

describe('mapOutline', () => {
  const outline = mapOutline(workshopMap(), new Map([[sam.id, sam]]))
  const service = (name: string) =>
    outline.serviceGroups.flatMap((g) => g.services).find((s) => s.name === name)!

  it('groups services by kind, in the order of the kinds, and by name within a kind', () => {
    expect(outline.serviceGroups.map((g) => [g.kind, g.services.map((s) => s.name)])).toEqual([
      ['health', ['A&E', 'Park Road GP']],
      ['housing', ['Housing Options']],
    ])
    expect(service('Housing Options')).toMatchObject({
      runBy: 'The council',
      forWhom: 'Anyone at risk of losing their home',
      access: 'self-referral',
    })
  })

  it('lists the routes into and out of each card by name, leaving gaps to their own list', () => {
    const gp = service('Park Road GP')
    expect(gp.routesIn.map((r) => [r.from.name, r.kind])).toEqual([
      ['Housing Options', 'bounced-back'],
      ['Single dad', 'self-referral'],
    ])
    expect(gp.routesOut.map((r) => [r.to.name, r.kind, r.note])).toEqual([
      ['Housing Options', 'referral', '6 week wait'],
    ])
    expect(service('A&E').routesOut).toEqual([])
    expect(outline.gaps.map((g) => [g.from.name, g.to.name])).toEqual([['A&E', 'Housing Options']])
    expect(outline.routes).toHaveLength(3)
  })

  it('names people by the first line of their situation', () => {
    expect(outline.people).toMatchObject([
      { name: 'Single dad', situation: 'Single dad\nLost his job in May', routesOut: [{}] },
    ])
  })

  it('keeps notes by purpose, every purpose present, in the order they were added', () => {
    expect(outline.notes.map((n) => [n.purpose, n.notes.map((note) => note.text)])).toEqual([
      ['barrier', ['Long forms', 'Phone lines at 8am']],
      ['what-works', ['Peer support']],
      ['idea', []],
      ['question', []],
    ])
  })

  it('lists actions soonest first, undated last, with who will do them by name', () => {
    expect(outline.actions.map((a) => [a.what, a.who, a.due, a.status])).toEqual([
      ['Share the map', 'Priya', '2026-03-01', 'done'],
      ['Write to the council', '', '2026-06-01', 'not-started'],
      ['Find out about drop-ins', 'Sam', '', 'in-progress'],
    ])
  })

  it('does not depend on where things are on the canvas', () => {
    const moved = workshopMap().map((record) =>
      record.typeName === 'shape' ? { ...record, x: Math.random() * 1000, y: 50 } : record,
    )
    expect(mapOutline(moved, new Map([[sam.id, sam]]))).toEqual(outline)
  })

  it('skips a route that does not join two cards, and ignores what is not the map’s', () => {
    const gp = mapShapeRecord('service', 'gp', { name: '  ' })
    const note = mapShapeRecord('purpose-note', 'note')
    const halfMade = mapShapeRecord('route', 'half')
    const toNote = routeRecords('to-note', gp.id, note.id, 'referral')
    const geo = { ...gp, id: createShapeId('box'), type: 'geo' } as unknown as TLRecord
    const result = mapOutline([
      gp,
      note,
      halfMade,
      routeBindingRecord(halfMade.id, gp.id, 'start'),
      ...toNote,
      geo,
    ])
    expect(result.routes).toEqual([])
    expect(result.serviceGroups).toMatchObject([
      { kind: 'other', services: [{ name: UNNAMED_SERVICE }] },
    ])
    expect(result.isEmpty).toBe(false)
    expect(mapOutline([geo]).isEmpty).toBe(true)
  })
})

describe('ownerName', () => {
  it('shows nobody as nothing, a name as written, and a participant by their chosen name', () => {
    const people = new Map([[sam.id, sam]])
    const nameOf = (id: string) => people.get(id)?.name
    expect(ownerName({ type: 'nobody' }, nameOf)).toBe('')
    expect(ownerName({ type: 'named', name: 'The housing manager' }, nameOf)).toBe(
      'The housing manager',
    )
    expect(ownerName({ type: 'participant', participantId: sam.id }, nameOf)).toBe('Sam')
    expect(
      ownerName({ type: 'participant', participantId: testParticipant('Gone').id }, nameOf),
    ).toBe(UNLISTED_OWNER)
  })
})

describe('personName', () => {
  it('shortens a long situation and stands in for an empty one', () => {
    const long = mapShapeRecord('person', 'p', { situation: 'word '.repeat(30) })
    expect(personName(long)).toMatch(/…$/)
    expect(personName(long).length).toBeLessThanOrEqual(60)
    expect(personName(mapShapeRecord('person', 'q'))).toBe('Someone like me')
  })
})
