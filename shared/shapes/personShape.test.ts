import { describe, expect, it } from 'vitest'
import { mapShapeRecord, validateWithSchema } from '../../tests/helpers/mapRecords'
import { MAX_LONG_TEXT } from './boundedText'
import { defaultPersonShapeProps } from './personShape'

describe('the "someone like me" card', () => {
  it('starts as a valid, empty card', () => {
    expect(defaultPersonShapeProps()).toMatchObject({ situation: '', needs: '', wants: '' })
    expect(() => validateWithSchema(mapShapeRecord('person', 'empty'))).not.toThrow()
  })

  it('keeps a situation, a need and a want', () => {
    const record = mapShapeRecord('person', 'dad', {
      situation: 'Single dad, just lost his job',
      needs: 'Somewhere to live with his kids',
      wants: 'To be treated as a person',
    })
    expect(validateWithSchema(record)).toEqual(record)
  })

  it.each([
    ['a situation that is not text', { situation: null }],
    ['an over-long need', { needs: 'x'.repeat(MAX_LONG_TEXT + 1) }],
    ['a missing want', { wants: undefined }],
    ['a name field (people are described, not named)', { name: 'Sam' }],
    ['no width', { w: 0 }],
  ])('rejects %s', (_what, props) => {
    expect(() => validateWithSchema(mapShapeRecord('person', 'bad', props as never))).toThrow()
  })
})
