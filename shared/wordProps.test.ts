import { describe, expect, it } from 'vitest'
import {
  classifyRecordChange,
  FALLBACK_WORD_PROPS,
  recordKind,
  WORD_PROPS,
  wordValuesOf,
} from './wordProps'

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})
const note = (text: string, more: Record<string, unknown> = {}) => ({
  id: 'shape:a',
  typeName: 'shape',
  type: 'note',
  x: 0,
  y: 0,
  rotation: 0,
  props: { richText: doc(text), color: 'yellow', size: 'm' },
  meta: {},
  ...more,
})

describe('classifyRecordChange', () => {
  it('tells created, words, arranged and deleted apart', () => {
    expect(classifyRecordChange(undefined, note('Hi'))).toBe('created')
    expect(classifyRecordChange(note('Hi'), note('Hello'))).toBe('words')
    expect(classifyRecordChange(note('Hi'), note('Hi', { x: 40 }))).toBe('arranged')
    expect(classifyRecordChange(note('Hi'), undefined)).toBe('deleted')
  })

  it('counts resizing and restyling as arranging, never as words', () => {
    const restyled = { ...note('Hi'), props: { ...note('Hi').props, color: 'blue', size: 'l' } }
    expect(classifyRecordChange(note('Hi'), restyled)).toBe('arranged')
    expect(classifyRecordChange(note('Hi'), note('Hi', { rotation: 1 }))).toBe('arranged')
  })

  it('counts a change of words and position together as words', () => {
    expect(classifyRecordChange(note('Hi'), note('Hello', { x: 9 }))).toBe('words')
  })

  it('compares words as values: the same text written with its keys in another order is the same', () => {
    const reordered = {
      content: [{ content: [{ text: 'Hi', type: 'text' }], type: 'paragraph' }],
      type: 'doc',
    }
    const moved = note('Hi', { x: 40 })
    const sameWordsMoved = { ...moved, props: { ...moved.props, richText: reordered } }
    expect(classifyRecordChange(note('Hi'), sameWordsMoved)).toBe('arranged')
    const otherWords = { ...reordered, content: [{ type: 'paragraph', content: [] }] }
    expect(
      classifyRecordChange(note('Hi'), {
        ...moved,
        props: { ...moved.props, richText: otherWords },
      }),
    ).toBe('words')
  })

  it('records nothing for a change to meta alone (a forged createdBy, say)', () => {
    expect(classifyRecordChange(note('Hi'), note('Hi', { meta: { createdBy: 'p_x' } }))).toBeNull()
    expect(classifyRecordChange(note('Hi'), note('Hi'))).toBeNull()
  })

  it('uses the frame’s name, the arrow’s label and the page’s name as words', () => {
    const frame = (name: string) => ({ typeName: 'shape', type: 'frame', props: { name, w: 1 } })
    expect(classifyRecordChange(frame('Housing'), frame('Health'))).toBe('words')
    const arrow = (text: string) => ({
      typeName: 'shape',
      type: 'arrow',
      props: { richText: doc(text), bend: 0 },
    })
    expect(classifyRecordChange(arrow(''), arrow('referral'))).toBe('words')
    const page = (name: string) => ({ typeName: 'page', id: 'page:p', name, index: 'a1' })
    expect(classifyRecordChange(page('Page 1'), page('Our map'))).toBe('words')
    expect(classifyRecordChange(page('Page 1'), { ...page('Page 1'), index: 'a2' })).toBe(
      'arranged',
    )
  })

  it('treats known word props and any rich text of an unknown shape type as words', () => {
    expect(WORD_PROPS['future-card']).toBeUndefined()
    const service = (props: Record<string, unknown>) => ({
      typeName: 'shape',
      type: 'future-card',
      props,
    })
    const base = { name: 'GP surgery', notes: 'Open 9–5', what: 'Health', w: 200, colour: 'red' }
    expect(classifyRecordChange(service(base), service({ ...base, notes: 'Closed' }))).toBe('words')
    expect(classifyRecordChange(service(base), service({ ...base, what: 'Care' }))).toBe('words')
    expect(classifyRecordChange(service(base), service({ ...base, w: 300 }))).toBe('arranged')
    expect(classifyRecordChange(service(base), service({ ...base, colour: 'blue' }))).toBe(
      'arranged',
    )
    const withRichText = { ...base, story: doc('a') }
    expect(
      classifyRecordChange(service(withRichText), service({ ...withRichText, story: doc('b') })),
    ).toBe('words')
    expect(FALLBACK_WORD_PROPS).toEqual(expect.arrayContaining(['name', 'notes', 'what']))
  })

  it('ignores bookkeeping records', () => {
    expect(
      classifyRecordChange(undefined, { typeName: 'user', id: 'user:x', name: 'Sam' }),
    ).toBeNull()
    expect(
      classifyRecordChange(undefined, { typeName: 'document', id: 'document:document' }),
    ).toBeNull()
    expect(classifyRecordChange(undefined, { typeName: 'asset', id: 'asset:1' })).toBeNull()
    expect(classifyRecordChange(undefined, { typeName: 'binding', type: 'arrow' })).toBe('created')
  })

  it('names a record’s kind', () => {
    expect(recordKind(note('x'))).toBe('note')
    expect(recordKind({ typeName: 'page' })).toBe('page')
    expect(recordKind({ typeName: 'binding', type: 'arrow' })).toBe('binding:arrow')
    expect(wordValuesOf({ typeName: 'shape', type: 'draw', props: { segments: [] } })).toEqual([])
  })
})

describe('the service map shapes', () => {
  it('has every map shape in the registry, with only props the shape has', async () => {
    const { mapShapeSchemas } = await import('./mapShapes')
    for (const [type, schema] of Object.entries(mapShapeSchemas)) {
      expect(WORD_PROPS[type], type).toBeDefined()
      for (const prop of WORD_PROPS[type] ?? [])
        expect(Object.keys(schema.props ?? {})).toContain(prop)
    }
  })

  it('counts moving a service as arranging and renaming it as words', () => {
    const service = {
      id: 'shape:s',
      typeName: 'shape',
      type: 'service',
      x: 0,
      y: 0,
      props: { name: 'Housing options', kind: 'housing', w: 200, h: 120 },
      meta: {},
    }
    expect(classifyRecordChange(service, { ...service, x: 50 })).toBe('arranged')
    expect(
      classifyRecordChange(service, { ...service, props: { ...service.props, name: 'Hub' } }),
    ).toBe('words')
  })
})
