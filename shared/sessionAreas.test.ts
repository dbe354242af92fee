import { createShapeId } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import {
  SESSION_AREAS,
  areaFrameId,
  areaPromptId,
  isLayoutShapeId,
  isTemplateShapeId,
  templateShapeId,
} from './sessionAreas'

describe('templateShapeId', () => {
  it('makes the id tldraw makes for the same name', () => {
    expect(templateShapeId('purpose')).toBe(createShapeId('template-purpose'))
    expect(isTemplateShapeId(createShapeId('template-next'))).toBe(true)
    expect(isTemplateShapeId(createShapeId('next'))).toBe(false)
  })
})

describe('isLayoutShapeId', () => {
  it('is each area’s frame and prompt, and not the cards a template starts with', () => {
    for (const area of SESSION_AREAS) {
      expect(isLayoutShapeId(areaFrameId(area))).toBe(true)
      expect(isLayoutShapeId(areaPromptId(area))).toBe(true)
    }
    expect(isLayoutShapeId(templateShapeId('agreement-1'))).toBe(false)
    expect(isLayoutShapeId(createShapeId('ideas'))).toBe(false)
  })
})
