import { PageRecordType, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { participantId } from '../../tests/helpers/participants'
import { validateWithSchema } from '../../tests/helpers/mapRecords'
import { SESSION_AREAS } from '../../shared/sessionAreas'
import { coDesignSessionRecords, STARTER_AGREEMENT } from './coDesignSession'

const PAGE = PageRecordType.createId('page')
const sam = participantId('sam')

/** The plain text of a tldraw rich text value. */
function plainText(richText: unknown): string {
  const walk = (node: unknown): string => {
    if (!node || typeof node !== 'object') return ''
    const { text, content } = node as { text?: unknown; content?: unknown }
    if (typeof text === 'string') return text
    return Array.isArray(content) ? content.map(walk).join('') : ''
  }
  return walk(richText)
}

describe('the co-design session template', () => {
  const records = coDesignSessionRecords(PAGE, { createdBy: sam, createdAt: 1234 })
  const byParent = (parentId: string) => records.filter((r) => r.parentId === parentId)

  it('is made of records that every client will accept', () => {
    for (const record of records) expect(() => validateWithSchema(record)).not.toThrow()
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length)
  })

  it('has a frame for each area of the session, in order, each with its prompt inside it', () => {
    const frames = records.filter((r): r is TLShape<'frame'> => r.type === 'frame')
    expect(frames.map((f) => f.props.name)).toEqual([
      '1. Why we are here',
      '2. How we will work together',
      '3a. What we can change',
      '3b. What we can’t change',
      '4. The map',
      '5a. What gets in the way',
      '5b. What works',
      '6. Ideas',
      '7. What happens next',
    ])
    for (const [i, frame] of frames.entries()) {
      const texts = byParent(frame.id).filter((r): r is TLShape<'text'> => r.type === 'text')
      expect(texts.map((t) => plainText(t.props.richText))).toEqual([SESSION_AREAS[i]!.prompt])
      expect(texts[0]!.props.w).toBeLessThanOrEqual(frame.props.w - 2 * texts[0]!.x)
    }
  })

  it('gives the working agreement starter notes the group can change', () => {
    const agreement = records.find((r) => r.type === 'frame' && r.props.name.startsWith('2.'))!
    const notes = byParent(agreement.id).filter((r): r is TLShape<'note'> => r.type === 'note')
    expect(notes.map((n) => plainText(n.props.richText))).toEqual([...STARTER_AGREEMENT])
    for (const note of notes) expect(note.x + 200 * note.props.scale).toBeLessThanOrEqual(720)
  })

  it('puts what we can and can’t change side by side, and the map across the whole board', () => {
    const area = (key: string) => SESSION_AREAS.find((a) => a.key === key)!
    expect(area('cannot-change').y).toBe(area('can-change').y)
    expect(area('cannot-change').x).toBeGreaterThan(area('can-change').x + area('can-change').w)
    const widest = Math.max(...SESSION_AREAS.map((a) => a.x + a.w))
    expect(area('map').w).toBe(widest)
  })

  it('lays the areas out without overlaps', () => {
    for (const a of SESSION_AREAS) {
      for (const b of SESSION_AREAS) {
        if (a === b) continue
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y
        expect(apart, `${a.name} and ${b.name}`).toBe(true)
      }
    }
  })

  it('attributes every record to the person who chose it, or only dates them when nobody did', () => {
    for (const record of records) expect(record.meta).toEqual({ createdBy: sam, createdAt: 1234 })
    const anonymous = coDesignSessionRecords(PAGE, { createdAt: 99 })
    for (const record of anonymous) expect(record.meta).toEqual({ createdAt: 99 })
  })
})
