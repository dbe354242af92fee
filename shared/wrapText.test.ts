import { describe, expect, it } from 'vitest'
import { AVERAGE_CHAR_WIDTH, wrapText, wrapToWidth } from './wrapText'

/** A width that fits exactly `chars` characters at font size 10. */
const fits = (chars: number) => chars * 10 * AVERAGE_CHAR_WIDTH

describe('wrapText', () => {
  it('keeps words whole and fills each line', () => {
    expect(wrapText('Help with housing in Leeds', fits(12), 10)).toEqual([
      'Help with',
      'housing in',
      'Leeds',
    ])
  })

  it('keeps the line breaks people typed, and drops trailing blank lines', () => {
    expect(wrapText('Needs:\nsomewhere to live\n\n', fits(30), 10)).toEqual([
      'Needs:',
      'somewhere to live',
    ])
  })

  it('cuts a word longer than a line', () => {
    expect(wrapText('abcdefghij', fits(4), 10)).toEqual(['abcd', 'efgh', 'ij'])
  })

  it('gives one empty line for empty text', () => {
    expect(wrapText('', fits(10), 10)).toEqual([''])
  })
})

describe('wrapToWidth', () => {
  /** Wide capitals, narrow everything else, like a real font. */
  const widthOf = (line: string) =>
    [...line].reduce((sum, c) => sum + (c === c.toUpperCase() && c !== ' ' ? 2 : 1), 0)

  it('fills lines by measured width, not by character count', () => {
    expect(wrapToWidth('AB cd ef GH', 7, widthOf)).toEqual(['AB cd', 'ef GH'])
  })

  it('cuts a word where it stops fitting, never inside a character', () => {
    expect(wrapToWidth('😀😀😀😀', 2, (line) => [...line].length)).toEqual(['😀😀', '😀😀'])
  })

  it('puts at least one character on a line narrower than any character', () => {
    expect(wrapToWidth('WW', 1, widthOf)).toEqual(['W', 'W'])
  })
})
