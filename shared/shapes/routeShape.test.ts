import { describe, expect, it } from 'vitest'
import { mapShapeRecord, validateWithSchema } from '../../tests/helpers/mapRecords'
import { MAX_SHORT_TEXT } from './boundedText'
import { defaultRouteShapeProps, RouteKinds } from './routeShape'

describe('the route', () => {
  it('starts as a referral with no note', () => {
    expect(defaultRouteShapeProps()).toEqual({ kind: 'referral', note: '', end: { x: 0, y: 0 } })
    expect(() => validateWithSchema(mapShapeRecord('route', 'empty'))).not.toThrow()
  })

  it('has the five kinds of the issue, each saying how it is drawn', () => {
    expect(RouteKinds.ids).toEqual([
      'referral',
      'self-referral',
      'hand-over',
      'bounced-back',
      'gap',
    ])
    expect(RouteKinds.get('gap').label).toBe('Gap: no route here')
    for (const kind of RouteKinds.all) expect(kind.description).toMatch(/Drawn/)
  })

  it.each([
    ['an unknown kind', { kind: 'phone-call' }],
    ['an end that is not a point', { end: { x: 10 } }],
    ['an end that is not a number', { end: { x: 10, y: Number.NaN } }],
    ['an over-long note', { note: 'x'.repeat(MAX_SHORT_TEXT + 1) }],
  ])('rejects %s', (_what, props) => {
    expect(() => validateWithSchema(mapShapeRecord('route', 'bad', props as never))).toThrow()
  })
})
