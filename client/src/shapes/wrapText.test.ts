import { describe, expect, it } from 'vitest'
import { AVERAGE_CHAR_WIDTH, wrapText } from './wrapText'

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
