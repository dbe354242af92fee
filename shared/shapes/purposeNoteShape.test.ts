import { describe, expect, it } from 'vitest'
import { mapShapeRecord, validateWithSchema } from '../../tests/helpers/mapRecords'
import { MAX_LONG_TEXT } from './boundedText'
import { defaultPurposeNoteShapeProps, NotePurposes } from './purposeNoteShape'

describe('the note with a purpose', () => {
  it('starts as an empty barrier note', () => {
    expect(defaultPurposeNoteShapeProps()).toMatchObject({ purpose: 'barrier', text: '' })
    expect(() => validateWithSchema(mapShapeRecord('purpose-note', 'empty'))).not.toThrow()
  })

  it('accepts each purpose, in the order the issue lists them', () => {
    expect(NotePurposes.ids).toEqual(['barrier', 'what-works', 'idea', 'question'])
    for (const purpose of NotePurposes.ids) {
      const record = mapShapeRecord('purpose-note', purpose, { purpose, text: 'Long waits' })
      expect(() => validateWithSchema(record)).not.toThrow()
    }
  })

  it.each([
    ['an unknown purpose', { purpose: 'complaint' }],
    ['rich text instead of plain text', { text: { type: 'doc', content: [] } }],
    ['over-long text', { text: 'x'.repeat(MAX_LONG_TEXT + 1) }],
    ['a negative width', { w: -1 }],
  ])('rejects %s', (_what, props) => {
    expect(() =>
      validateWithSchema(mapShapeRecord('purpose-note', 'bad', props as never)),
    ).toThrow()
  })
})
