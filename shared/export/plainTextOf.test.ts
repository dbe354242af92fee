import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { plainTextOf } from './plainTextOf'

describe('plainTextOf', () => {
  it('gives back the lines of rich text made from plain text, blank ones too', () => {
    expect(plainTextOf(toRichText('One front door\n\nfor housing and money'))).toBe(
      'One front door\n\nfor housing and money',
    )
    expect(plainTextOf(toRichText(''))).toBe('')
  })

  it('puts each paragraph, list item and hard break on a line, and drops marks', () => {
    const richText = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Service', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' · Health' },
            { type: 'hardBreak' },
            { type: 'text', text: 'Park Road GP' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Run by NHS' }] }],
            },
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Drop-in' }] }],
            },
          ],
        },
      ],
    }
    expect(plainTextOf(richText)).toBe('Service · Health\nPark Road GP\nRun by NHS\nDrop-in')
  })

  it('skips what is not a node, since any client may have written it', () => {
    const richText = {
      type: 'doc',
      content: [
        null,
        7,
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 42 },
            { type: 'text', text: 'Kept' },
          ],
        },
      ],
    }
    expect(plainTextOf(richText)).toBe('Kept')
  })
})
