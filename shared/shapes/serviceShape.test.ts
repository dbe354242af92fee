import { describe, expect, it } from 'vitest'
import { mapShapeRecord, validateWithSchema } from '../../tests/helpers/mapRecords'
import { MAX_LONG_TEXT, MAX_SHORT_TEXT } from './boundedText'
import { defaultServiceShapeProps, ServiceAccess, ServiceKinds } from './serviceShape'

describe('the service card', () => {
  it('starts as a valid, empty card of kind Other, access not known, big enough to read', () => {
    const props = defaultServiceShapeProps()
    expect(props).toMatchObject({ name: '', kind: 'other', access: 'not-sure' })
    expect(props.w).toBeGreaterThanOrEqual(240)
    expect(() => validateWithSchema(mapShapeRecord('service', 'empty'))).not.toThrow()
  })

  it('accepts every kind and every way in', () => {
    for (const kind of ServiceKinds.ids) {
      for (const access of ServiceAccess.ids) {
        const record = mapShapeRecord('service', `${kind}-${access}`, { kind, access, name: 'GP' })
        expect(() => validateWithSchema(record)).not.toThrow()
      }
    }
  })

  it.each([
    ['an unknown kind', { kind: 'shopping' }],
    ['an unknown way in', { access: 'by-appointment' }],
    ['a name that is not text', { name: 42 }],
    ['an over-long name', { name: 'x'.repeat(MAX_SHORT_TEXT + 1) }],
    ['over-long notes', { notes: 'x'.repeat(MAX_LONG_TEXT + 1) }],
    ['no width', { w: 0 }],
    ['a negative height', { h: -10 }],
    ['missing notes', { notes: undefined }],
    ['a prop it does not have', { colour: 'red' }],
  ])('rejects %s', (_what, props) => {
    expect(() => validateWithSchema(mapShapeRecord('service', 'bad', props as never))).toThrow()
  })

  it('names and explains every kind and every way in', () => {
    for (const list of [ServiceKinds, ServiceAccess]) {
      expect(new Set(list.ids).size).toBe(list.ids.length)
      for (const choice of list.all) {
        expect(choice.label).toMatch(/^[A-Z]/)
        expect(choice.description).toMatch(/^[A-Z].*\.$/)
      }
    }
    expect(ServiceKinds.get('money').label).toBe('Money and benefits')
  })
})
