import { describe, expect, it } from 'vitest'
import { checkCleanText, cleanedText, cutToGraphemes, graphemeLength } from './cleanText'

const rule = { what: 'your name', maxGraphemes: 5 }

describe('checkCleanText', () => {
  it('keeps text trimmed and in NFC', () => {
    // "é" typed as e + combining acute becomes the one code point U+00E9.
    expect(checkCleanText('  Rene\u0301 ', rule)).toEqual({ ok: true, value: 'Ren\u00e9' })
  })

  it.each([
    ['a right-to-left override', 'Sam\u202Eevil'],
    ['a bidi isolate', '\u2067Sam'],
    ['a right-to-left mark', 'Sa\u200Fm'],
    ['an ANSI escape', 'Sam\u001b[31m'],
    ['a new line', 'Sam\nJo'],
    ['a C1 control', 'Sam\u0085'],
    ['a line separator', 'Sam\u2028Jo'],
    ['a lone surrogate', 'Sam\uD800'],
  ])('refuses %s with a plain sentence', (_what, text) => {
    expect(checkCleanText(text, rule)).toEqual({
      ok: false,
      error:
        'Please type your name again without hidden characters: it has one that changes how text is shown.',
    })
  })

  it.each([
    ['a zero-width space', '\u200B'],
    ['a word joiner and a space', '\u2060 \u3000'],
    ['a combining mark alone', '\u0301'],
  ])('refuses a name with nothing visible (%s)', (_what, text) => {
    expect(checkCleanText(text, rule)).toEqual({
      ok: false,
      error: 'Please use letters, numbers or symbols people can see in your name.',
    })
  })

  it('counts length in graphemes', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'
    expect(family.length).toBe(11)
    expect(checkCleanText(family.repeat(5), rule)).toEqual({ ok: true, value: family.repeat(5) })
    expect(checkCleanText(family.repeat(6), rule)).toEqual({
      ok: false,
      error: 'Please keep your name to 5 characters or fewer.',
    })
  })

  it('allows joiners that scripts need', () => {
    // Persian uses the zero-width non-joiner inside words.
    expect(checkCleanText('می\u200Cروم', { what: 'x', maxGraphemes: 20 })).toMatchObject({
      ok: true,
    })
  })
})

describe('graphemes', () => {
  it('counts and cuts without splitting a grapheme', () => {
    expect(graphemeLength('🇬🇧ab')).toBe(3)
    expect(cutToGraphemes('🇬🇧ab', 2)).toBe('🇬🇧a')
  })
})

describe('cleanedText', () => {
  it('removes what a name may not hold, then cuts', () => {
    expect(cleanedText('\u202Ehousing\u0007 map.tldr', 7)).toBe('housing')
  })

  it('is undefined when nothing visible is left', () => {
    expect(cleanedText('\u200B \u202E', 10)).toBeUndefined()
  })
})
