import type { UnknownRecord } from '@tldraw/store'
import { createShapeId } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { mapShapeRecord, routeBindingRecord, validateWithSchema } from '../tests/helpers/mapRecords'
import { deepFreeze, MigrationRecorder } from '../tests/helpers/MigrationRecorder'
import { participantId } from '../tests/helpers/participants'
import { mapBindingSchemas, mapShapeSchemas } from './mapShapes'
import { commonmapSchema } from './schema'

const shapeSequence = (type: string) => `com.tldraw.shape.${type}`
const bindingSequence = (type: string) => `com.tldraw.binding.${type}`
const MAP_SEQUENCES = [
  ...Object.keys(mapShapeSchemas).map(shapeSequence),
  ...Object.keys(mapBindingSchemas).map(bindingSequence),
]

const recorder = new MigrationRecorder(commonmapSchema, MAP_SEQUENCES)

/**
 * Each map record as a client at each version of its sequence wrote it. When you add a version
 * to a shape or binding, add the record as the new version writes it (the old ones stay: they
 * are what boards saved by older clients hold), a test of the migration itself below, and
 * nothing else: the checks at the end find anything missing.
 */
const RECORDS_BY_VERSION: Record<string, Record<number, UnknownRecord>> = {
  [shapeSequence('service')]: {
    0: mapShapeRecord('service', 'gp', {
      name: 'Park Road GP surgery',
      kind: 'health',
      runBy: 'NHS',
      forWhom: 'Anyone registered',
      access: 'self-referral',
      notes: 'Appointments by phone at 8am',
    }),
  },
  [shapeSequence('person')]: {
    0: mapShapeRecord('person', 'dad', {
      situation: 'Single dad, just lost his job',
      needs: 'Somewhere to live',
      wants: 'To stay near the kids’ school',
    }),
  },
  [shapeSequence('route')]: {
    0: mapShapeRecord('route', 'referral', {
      kind: 'hand-over',
      note: '6 week wait',
      end: { x: 240, y: 80 },
    }),
  },
  [shapeSequence('purpose-note')]: {
    0: mapShapeRecord('purpose-note', 'barrier', { purpose: 'barrier', text: 'Phone lines' }),
  },
  [shapeSequence('action')]: {
    0: mapShapeRecord('action', 'next', {
      what: 'Ask for drop-in times on the website',
      who: { type: 'participant', participantId: participantId('sam') },
      due: '2026-03-31',
      status: 'in-progress',
    }),
  },
  [bindingSequence('route-end')]: {
    0: routeBindingRecord(createShapeId('referral'), createShapeId('gp'), 'end'),
  },
}

/* --- Tests of individual migrations go here, e.g.
describe('service AddPhoneNumber', () => {
  const id = serviceShapeVersions.AddPhoneNumber
  it('goes up', () => expect(recorder.up(id, before)).toEqual(after))
  it('goes down', () => expect(recorder.down(id, after)).toEqual(before))
})
Every map shape and binding is still at its first version, so there are none yet. --- */

describe('migrations of the service map’s shapes and bindings', () => {
  it('exist for every map shape and binding, in the schema every client and the server share', () => {
    const sequences = commonmapSchema.serialize().sequences
    for (const sequenceId of MAP_SEQUENCES) expect(sequences).toHaveProperty([sequenceId])
    for (const { migrations } of [
      ...Object.values(mapShapeSchemas),
      ...Object.values(mapBindingSchemas),
    ]) {
      expect(migrations.sequence).toBeInstanceOf(Array)
    }
  })

  describe.each(MAP_SEQUENCES)('%s', (sequenceId) => {
    const current = recorder.currentVersion(sequenceId)
    const versions = Array.from({ length: current + 1 }, (_, version) => version)
    const recordAt = (version: number) => RECORDS_BY_VERSION[sequenceId]?.[version]

    it('has a saved record for every version up to the current one', () => {
      for (const version of versions) expect(recordAt(version), `version ${version}`).toBeDefined()
    })

    it.each(versions)(
      'migrates a record saved at version %i up to now, without changing it',
      (version) => {
        const saved = deepFreeze(structuredClone(recordAt(version)!))
        const result = commonmapSchema.migratePersistedRecord(
          saved as never,
          recorder.schemaAt(sequenceId, version),
        )
        expect(result).toEqual({ type: 'success', value: recordAt(current) })
        expect(saved).toEqual(recordAt(version))
        if (result.type === 'success') expect(() => validateWithSchema(result.value)).not.toThrow()
      },
    )

    it.each(versions)('migrates a current record down to version %i where it can', (version) => {
      const result = commonmapSchema.migratePersistedRecord(
        deepFreeze(structuredClone(recordAt(current)!)) as never,
        recorder.schemaAt(sequenceId, version),
        'down',
      )
      if (result.type === 'success') expect(result.value).toEqual(recordAt(version))
      else expect(result.reason).toBe('target-version-too-old')
    })
  })

  // Last, so that it sees every migration the tests above ran.
  it('tests every migration up, and down where it has one', () => {
    expect(recorder.untested()).toEqual([])
  })
})
