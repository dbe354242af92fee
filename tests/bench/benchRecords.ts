import {
  createShapeId,
  createUserId,
  InstancePresenceRecordType,
  toRichText,
  type TLGeoShape,
  type TLInstancePresence,
} from '@tldraw/tlschema'
import { FIRST_PAGE_ID } from '../../server/initialBoardState'
import { creditedParticipant } from '../../shared/credit'
import { PARTICIPANT_COLORS, type Participant } from '../../shared/participant'
import { ROLE_IDS } from '../../shared/roles'

// The bench sends what the app sends: full tldraw records of the size and shape the client
// writes (benchRecords.test.ts checks them against the schema), so message sizes, JSON work and
// document growth are the real ones.

/** Bench-only fields in a record's `meta`: who sent it, when and in which order. */
export interface BenchStamp {
  /** `performance.now()` of the writer; comparable only within the writer's process. */
  readonly sentAt: number
  readonly seq: number
  /** The writer's bench client number, so a client can tell its own writes echoed back. */
  readonly by: number
}

/** A participant of bench client `n`, as the client keeps it in its awareness. */
export function benchParticipant(n: number): Participant {
  return creditedParticipant({
    id: `p_bench${String(n).padStart(17, '0')}`,
    name: `Bench ${n}`,
    role: ROLE_IDS[n % ROLE_IDS.length] as (typeof ROLE_IDS)[number],
    credit: 'full-name',
    color: PARTICIPANT_COLORS[n % PARTICIPANT_COLORS.length] as string,
  })
}

/**
 * The `n`th geo shape of a board: a labelled rectangle on the first page, attributed to
 * `author` as the client's attribution does it, with an optional bench stamp.
 */
export function geoShape(
  n: number,
  { x, y, author, stamp }: { x: number; y: number; author: Participant; stamp?: BenchStamp },
): TLGeoShape {
  return {
    id: createShapeId(`bench-${n}`),
    typeName: 'shape',
    type: 'geo',
    parentId: FIRST_PAGE_ID,
    index: indexKey(n),
    x,
    y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 200,
      h: 120,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'blue',
      fill: 'semi',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: toRichText(`Step ${n}: ask at the front desk about housing support`),
    },
    meta: {
      createdBy: author.id,
      createdAt: 1_760_000_000_000,
      updatedBy: author.id,
      updatedAt: 1_760_000_000_000 + n,
      ...(stamp && { bench: { ...stamp } }),
    },
  }
}

/** The bench stamp of a shape or presence written by the bench, if `record` has one. */
export function stampOf(record: unknown): BenchStamp | undefined {
  return (record as { meta?: { bench?: BenchStamp } } | undefined)?.meta?.bench
}

/** What a client of `participant` shares as its tldraw presence, before the cursor moves. */
export function presenceOf(participant: Participant, clientId: number): TLInstancePresence {
  return InstancePresenceRecordType.create({
    id: InstancePresenceRecordType.createId(String(clientId)),
    userId: createUserId(participant.id),
    userName: participant.name,
    color: participant.color,
    currentPageId: FIRST_PAGE_ID,
    camera: { x: 0, y: 0, z: 1 },
    screenBounds: { x: 0, y: 0, w: 1440, h: 900 },
    cursor: { x: 0, y: 0, type: 'default', rotation: 0 },
    lastActivityTimestamp: 1_760_000_000_000,
  })
}

/** `presence` with its cursor at (x, y) and a bench stamp. */
export function movedPresence(
  presence: TLInstancePresence,
  x: number,
  y: number,
  stamp: BenchStamp,
): TLInstancePresence {
  return {
    ...presence,
    cursor: { x, y, type: 'default', rotation: 0 },
    meta: { bench: { ...stamp } },
  }
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A distinct fractional index per shape, ascending with `n`: the head `c` means three base-62
 * integer digits, enough for 238,328 shapes.
 */
function indexKey(n: number): TLGeoShape['index'] {
  let digits = ''
  for (let rest = n; digits.length < 3; rest = Math.floor(rest / 62)) {
    digits = BASE62[rest % 62] + digits
  }
  return `c${digits}` as TLGeoShape['index']
}
