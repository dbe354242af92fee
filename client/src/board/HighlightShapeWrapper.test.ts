import { describe, expect, it } from 'vitest'
import type { PublishedPerson } from '../../../shared/participant'
import { templateShapeId } from '../../../shared/sessionAreas'
import { testParticipant } from '../../../tests/helpers/participants'
import { isHighlighted } from './HighlightShapeWrapper'

const sam = { ...testParticipant('Sam'), contributions: 1 }
const priya = { ...testParticipant('Priya', 'practitioner'), contributions: 1 }
const hidden = {
  ...testParticipant('Hidden', 'practitioner', { credit: 'not-named' }),
  contributions: 1,
}
const people = new Map<string, PublishedPerson>([sam, priya, hidden].map((p) => [p.id, p]))
const by = (addedBy: string, wordsBy: string[] = []) => ({
  addedBy,
  addedAt: 1,
  addedWrittenDownBy: null,
  wordsBy: wordsBy.map((id) => ({ by: id, writtenDownBy: null, at: 2 })),
})

describe('isHighlighted', () => {
  it('lights a person’s shapes: added by them or with words changed by them', () => {
    const highlight = { kind: 'person', participantId: priya.id } as const
    expect(isHighlighted(highlight, 'shape:card', by(priya.id), people)).toBe(true)
    expect(isHighlighted(highlight, 'shape:card', by(sam.id, [priya.id]), people)).toBe(true)
    expect(isHighlighted(highlight, 'shape:card', by(sam.id), people)).toBe(false)
    expect(isHighlighted(highlight, 'shape:card', undefined, people)).toBe(false)
  })

  it('lights a role’s shapes, but never through someone who chose not to be named', () => {
    const highlight = { kind: 'role', role: 'practitioner' } as const
    expect(isHighlighted(highlight, 'shape:card', by(priya.id), people)).toBe(true)
    expect(isHighlighted(highlight, 'shape:card', by(sam.id), people)).toBe(false)
    expect(isHighlighted(highlight, 'shape:card', by(hidden.id), people)).toBe(false)
  })

  it('never lights the session’s layout for whoever started the board, only for changing its words', () => {
    const highlight = { kind: 'person', participantId: priya.id } as const
    const agreement = templateShapeId('agreement-1')
    expect(isHighlighted(highlight, agreement, by(priya.id), people)).toBe(false)
    expect(isHighlighted(highlight, agreement, by(sam.id, [priya.id]), people)).toBe(true)
  })
})
