import {
  createShapePropsMigrationIds,
  createShapePropsMigrationSequence,
  type RecordProps,
  type TLShape,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { boundedText, MAX_LONG_TEXT, MAX_SHORT_TEXT } from './boundedText'
import { defineChoices } from '../defineChoices'

/** The shape type of a service card. Part of the document contract. */
export const SERVICE_SHAPE_TYPE = 'service'

/** What kind of help a service gives. Each has its own icon, pattern and colour on the canvas. */
export const ServiceKinds = defineChoices(
  ['health', 'mental-health', 'housing', 'money', 'drugs-alcohol', 'justice', 'community', 'other'],
  {
    health: { label: 'Health', description: 'GPs, hospitals, nurses, pharmacies, dentists.' },
    'mental-health': {
      label: 'Mental health',
      description: 'Talking therapies, crisis teams, community mental health teams.',
    },
    housing: {
      label: 'Housing',
      description: 'Council housing teams, hostels, landlords, homelessness services.',
    },
    money: {
      label: 'Money and benefits',
      description: 'Benefits, debt advice, food banks, grants.',
    },
    'drugs-alcohol': {
      label: 'Drugs and alcohol',
      description: 'Treatment, needle exchanges, recovery groups.',
    },
    justice: {
      label: 'Justice',
      description: 'Police, courts, probation, prisons, legal advice.',
    },
    community: {
      label: 'Community and peer support',
      description: 'Charities, faith groups, peer support, clubs, neighbours.',
    },
    other: { label: 'Other', description: 'Anything that does not fit the kinds above.' },
  },
)

/** One of the ids in {@link ServiceKinds}. */
export type ServiceKind = (typeof ServiceKinds.ids)[number]

/** How a person gets into a service. */
export const ServiceAccess = defineChoices(['referral', 'self-referral', 'drop-in', 'not-sure'], {
  referral: {
    label: 'Referral needed',
    description: 'Someone else, like a GP or a support worker, has to refer you.',
  },
  'self-referral': {
    label: 'Self-referral',
    description: 'You can contact them yourself and ask for help.',
  },
  'drop-in': { label: 'Drop-in', description: 'You can just turn up.' },
  'not-sure': { label: 'Not sure', description: 'Nobody here knows yet.' },
})

/** One of the ids in {@link ServiceAccess}. */
export type ServiceAccessId = (typeof ServiceAccess.ids)[number]

/** The props of a service card. */
export interface ServiceShapeProps {
  /** Width and height of the card, in page units. */
  w: number
  h: number
  /** What the service is called, e.g. "Leeds Housing Options". */
  name: string
  kind: ServiceKind
  /** Who runs it, e.g. "the council", "a charity". */
  runBy: string
  /** Who it is for, e.g. "anyone over 18 in Leeds". */
  forWhom: string
  access: ServiceAccessId
  /** Anything else people want to say about it. */
  notes: string
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [SERVICE_SHAPE_TYPE]: ServiceShapeProps
  }
}

/** A service card on the map. */
export type ServiceShape = TLShape<typeof SERVICE_SHAPE_TYPE>

/** Validators for {@link ServiceShapeProps}. */
export const serviceShapeProps: RecordProps<ServiceShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  name: boundedText(MAX_SHORT_TEXT),
  kind: ServiceKinds.validator,
  runBy: boundedText(MAX_SHORT_TEXT),
  forWhom: boundedText(MAX_SHORT_TEXT),
  access: ServiceAccess.validator,
  notes: boundedText(MAX_LONG_TEXT),
}

/**
 * Migration ids of the service card's props. Nothing has shipped yet, so the props start at
 * version 0; every change from now on adds a version here, its migration below and its test
 * in shared/migrations.test.ts (which fails for any version without one).
 */
export const serviceShapeVersions = createShapePropsMigrationIds(SERVICE_SHAPE_TYPE, {})

/** Migrations of the service card's props, oldest first. */
export const serviceShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })

/** A new, empty service card: big enough to read its name from across a room. */
export function defaultServiceShapeProps(): ServiceShapeProps {
  return {
    w: 300,
    h: 190,
    name: '',
    kind: 'other',
    runBy: '',
    forWhom: '',
    access: 'not-sure',
    notes: '',
  }
}
