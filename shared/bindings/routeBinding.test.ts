import { createShapeId } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { routeBindingRecord, validateWithSchema } from '../../tests/helpers/mapRecords'
import { defaultRouteBindingProps, isRouteEndType, ROUTE_END_SHAPE_TYPES } from './routeBinding'

describe('the route-end binding', () => {
  const route = createShapeId('route')
  const card = createShapeId('card')

  it('validates for both ends', () => {
    expect(defaultRouteBindingProps()).toEqual({ terminal: 'start' })
    for (const terminal of ['start', 'end'] as const) {
      expect(() => validateWithSchema(routeBindingRecord(route, card, terminal))).not.toThrow()
    }
  })

  it.each([
    ['an unknown terminal', { terminal: 'middle' }],
    ['no terminal', {}],
    ['a prop it does not have', { terminal: 'start', anchor: { x: 0.5, y: 0.5 } }],
  ])('rejects %s', (_what, props) => {
    const record = { ...routeBindingRecord(route, card, 'start'), props }
    expect(() => validateWithSchema(record)).toThrow()
  })

  it('lets routes join services and people only', () => {
    expect(ROUTE_END_SHAPE_TYPES).toEqual(['service', 'person'])
    expect(isRouteEndType('service')).toBe(true)
    expect(isRouteEndType('purpose-note')).toBe(false)
    expect(isRouteEndType('action')).toBe(false)
    expect(isRouteEndType('geo')).toBe(false)
  })
})
