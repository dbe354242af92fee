import { describe, expect, it } from 'vitest'
import { fontSafeText, MISSING_CHARACTER } from './fontSafeText'

/** A font with only ASCII letters, digits, spaces and é. */
const latinFont = {
  getCharacterSet: () => [...Array.from({ length: 95 }, (_, i) => 0x20 + i), 'é'.codePointAt(0)!],
}

describe('fontSafeText', () => {
  it('keeps what the font can draw, line breaks included', () => {
    expect(fontSafeText('Café\nopen', latinFont)).toBe('Café\nopen')
  })

  it('puts a visible stand-in for each character the font lacks', () => {
    expect(fontSafeText('Сергей 李', latinFont)).toBe(
      `${MISSING_CHARACTER.repeat(6)} ${MISSING_CHARACTER}`,
    )
  })

  it('composes accents first, so a decomposed é is still drawn', () => {
    expect(fontSafeText('Cafe\u0301', latinFont)).toBe('Café')
  })

  it('turns tabs into spaces and drops other control characters', () => {
    expect(fontSafeText('a\tb\u0007c\r\nd', latinFont)).toBe('a bc\nd')
  })

  it('counts a character outside the basic plane once', () => {
    expect(fontSafeText('ok 😀', latinFont)).toBe(`ok ${MISSING_CHARACTER}`)
  })
})
