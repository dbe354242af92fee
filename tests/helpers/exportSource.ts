import { PageRecordType, type TLRecord } from '@tldraw/tlschema'
import type { RecordAttribution } from '../../shared/attribution'
import { creditedParticipant, type CreditLevel } from '../../shared/credit'
import type { PublishedPerson } from '../../shared/participant'
import type { BoardExportSource } from '../../shared/export/boardExport'
import type { RoleId } from '../../shared/roles'
import { coDesignSessionRecords } from '../../server/templates/coDesignSession'
import { mapShapeRecord, shapeRecord, TEST_PAGE_ID } from './mapRecords'
import { participantId } from './participants'
import { everyKindOfMapRecordInSession, routeRecords } from './serviceMapRecords'

/** A private name nobody may ever see in an export: its owner chose "not named". */
export const HIDDEN_NAME = 'Zebedee Quartermain'

function published(
  key: string,
  name: string,
  role: RoleId,
  credit: CreditLevel,
  contributions: number,
  pseudonym: string | null = null,
): PublishedPerson {
  const id = participantId(key)
  return {
    ...creditedParticipant({ id, name, role, credit, pseudonym, color: '#00798c' }),
    contributions,
  }
}

/** Five people, one for each way of being credited. */
export const exportPeople = {
  full: published('alex', 'Alex Morgan', 'lived-experience', 'full-name', 2),
  first: published('bea', 'Bea Okafor', 'carer', 'first-name', 1),
  pseudonym: published('carys', 'Carys Lloyd', 'practitioner', 'pseudonym', 1, 'Blue Heron'),
  roleOnly: published('dev', 'Dev Patel', 'practitioner', 'role-only', 1),
  notNamed: published('zeb', HIDDEN_NAME, 'lived-experience', 'not-named', 2),
  /** On the board, but has added nothing. */
  quiet: published('quinn', 'Quinn Silent', 'manager', 'full-name', 0),
}

/**
 * What no export of a board made by {@link exportPeople} may hold: the private name, each part of
 * it, and the participant id of the person who chose "not named", and the private names behind
 * the first name, made-up name and role that others chose to be credited by.
 */
export const PRIVATE_WORDS: readonly string[] = [
  HIDDEN_NAME,
  ...HIDDEN_NAME.split(' '),
  exportPeople.notNamed.id,
  'Bea Okafor',
  'Carys',
  'Dev Patel',
]

function added(
  by: PublishedPerson,
  writtenDownBy: PublishedPerson | null = null,
): RecordAttribution {
  return {
    addedBy: by.id,
    addedAt: 1_700_000_000_000,
    addedWrittenDownBy: writtenDownBy?.id ?? null,
    wordsBy: [],
  }
}

/**
 * A board made by {@link exportPeople}: two services joined by a referral and a gap, notes of
 * each purpose, an action owned by the person who chose "not named", a frame, and their
 * `user:` records as tldraw keeps them (with private names a client once wrote there).
 */
export function exportSource(changes: Partial<BoardExportSource> = {}): BoardExportSource {
  const { full, first, pseudonym, roleOnly, notNamed } = exportPeople
  const gp = mapShapeRecord('service', 'gp', { name: 'Park Road GP', kind: 'health', runBy: 'NHS' })
  const housing = mapShapeRecord('service', 'housing', {
    name: 'Housing Options',
    kind: 'housing',
    access: 'drop-in',
  })
  const referral = routeRecords('gp-housing', gp.id, housing.id, 'referral', '6 week wait')
  const gap = routeRecords('housing-gp', housing.id, gp.id, 'gap')
  const barrier = mapShapeRecord('purpose-note', 'phones', {
    purpose: 'barrier',
    text: 'Phone lines only open at 8am',
  })
  const idea = mapShapeRecord('purpose-note', 'front-door', {
    purpose: 'idea',
    text: 'One front door for housing & money',
  })
  const works = mapShapeRecord('purpose-note', 'peer', {
    purpose: 'what-works',
    text: 'Peer support at the drop-in',
  })
  const action = mapShapeRecord('action', 'write', {
    what: 'Write to the council',
    who: { type: 'participant', participantId: notNamed.id },
    due: '2026-06-01',
  })
  const frame = shapeRecord('frame', 'template-map', {
    w: 800,
    h: 600,
    name: '4. The map',
    color: 'black',
  })
  const users = Object.values(exportPeople).map(
    (person) =>
      ({
        id: `user:${person.id}`,
        typeName: 'user',
        name: person.id === notNamed.id ? HIDDEN_NAME : person.name,
        color: person.color,
        imageUrl: '',
        meta: {},
      }) as unknown as TLRecord,
  )
  return {
    title: 'Getting help with housing',
    records: [gp, housing, ...referral, ...gap, barrier, idea, works, action, frame, ...users],
    people: new Map(Object.values(exportPeople).map((person) => [person.id, person])),
    attributions: new Map<string, RecordAttribution>([
      [gp.id, added(full)],
      [housing.id, added(full, notNamed)],
      [barrier.id, added(notNamed)],
      [idea.id, added(pseudonym, first)],
      [works.id, added(first)],
      [action.id, added(roleOnly)],
      [referral[0]!.id, added(notNamed)],
    ]),
    licence: { id: 'cc-by-sa-4.0', setBy: first.id, setAt: 1_700_000_100_000 },
    // Bea runs the session with someone who chose not to be named.
    facilitators: [first.id, notNamed.id],
    now: Date.UTC(2026, 2, 14, 12),
    ...changes,
  }
}

/**
 * A whole session board made by {@link exportPeople}: its page, the co-design template's areas
 * with their prompts and working agreement (laid out by the person who chose not to be named,
 * so their id is on the template's notes), every kind of card and route
 * ({@link everyKindOfMapRecordInSession}), an action owned by the person not named, and
 * everyone's `user:` records.
 */
export function everyKindExportSource(): BoardExportSource {
  const base = exportSource()
  const theirs = mapShapeRecord(
    'action',
    'ring-crisis',
    {
      what: 'Ring the crisis team about evenings',
      who: { type: 'participant', participantId: exportPeople.notNamed.id },
    },
    { x: 1200, y: 2500 },
  )
  return {
    ...base,
    records: [
      PageRecordType.create({ id: TEST_PAGE_ID, name: 'Page 1', index: 'a1' as never }),
      ...coDesignSessionRecords(TEST_PAGE_ID, {
        createdBy: exportPeople.notNamed.id,
        createdAt: 1_700_000_000_000,
      }),
      ...everyKindOfMapRecordInSession(),
      theirs,
      ...base.records.filter((record) => record.typeName === 'user'),
    ],
  }
}
