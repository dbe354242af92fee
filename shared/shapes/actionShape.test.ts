import { describe, expect, it } from 'vitest'
import { participantId } from '../../tests/helpers/participants'
import { mapShapeRecord, validateWithSchema } from '../../tests/helpers/mapRecords'
import { ActionStatuses, defaultActionShapeProps, isIsoDate } from './actionShape'

describe('the action', () => {
  it('starts with nobody, no date, not started', () => {
    expect(defaultActionShapeProps()).toMatchObject({
      what: '',
      who: { type: 'nobody' },
      due: '',
      status: 'not-started',
    })
    expect(() => validateWithSchema(mapShapeRecord('action', 'empty'))).not.toThrow()
  })

  it.each([
    [{ type: 'nobody' }],
    [{ type: 'named', name: 'The housing manager' }],
    [{ type: 'participant', participantId: participantId('sam') }],
  ])('accepts %o as who will do it', (who) => {
    const record = mapShapeRecord('action', 'who', { who: who as never, due: '2026-03-31' })
    expect(() => validateWithSchema(record)).not.toThrow()
  })

  it('accepts every status', () => {
    for (const status of ActionStatuses.ids) {
      expect(() => validateWithSchema(mapShapeRecord('action', status, { status }))).not.toThrow()
    }
  })

  it.each([
    ['an unknown status', { status: 'blocked' }],
    ['a date in another format', { due: '31/03/2026' }],
    ['a date that does not exist', { due: '2026-02-30' }],
    ['a date with a time', { due: '2026-03-31T10:00' }],
    ['an owner of unknown type', { who: { type: 'team', name: 'Housing' } }],
    ['an over-long named owner', { who: { type: 'named', name: 'x'.repeat(61) } }],
    ['a participant owner with a bad id', { who: { type: 'participant', participantId: 'sam' } }],
    ['an owner given as plain text', { who: 'Sam' }],
  ])('rejects %s', (_what, props) => {
    expect(() => validateWithSchema(mapShapeRecord('action', 'bad', props as never))).toThrow()
  })
})

describe('isIsoDate', () => {
  it.each([
    ['2026-03-31', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-3-1', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected)
  })
})
