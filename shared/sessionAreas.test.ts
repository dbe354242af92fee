import { createShapeId } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { isTemplateShapeId, templateShapeId } from './sessionAreas'

describe('templateShapeId', () => {
  it('makes the id tldraw makes for the same name', () => {
    expect(templateShapeId('purpose')).toBe(createShapeId('template-purpose'))
    expect(isTemplateShapeId(createShapeId('template-next'))).toBe(true)
    expect(isTemplateShapeId(createShapeId('next'))).toBe(false)
  })
})
