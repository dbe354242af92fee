/** What {@link fontSafeText} needs of a font: the code points it has glyphs for (pdf-lib's `PDFFont`). */
export interface CharacterSource {
  getCharacterSet(): number[]
}

/** Drawn for a character the font cannot show, so the reader sees that something is missing. */
export const MISSING_CHARACTER = '?'

const characterSets = new WeakMap<CharacterSource, ReadonlySet<number>>()

/**
 * `text` with every character `font` cannot draw replaced by {@link MISSING_CHARACTER}: a name
 * in a script the font does not cover must not stop the export, nor come out as empty boxes a
 * reader cannot search. Tabs become spaces and other control characters are dropped; line
 * breaks are kept for wrapping.
 */
export function fontSafeText(text: string, font: CharacterSource): string {
  let characters = characterSets.get(font)
  if (!characters) {
    characters = new Set(font.getCharacterSet())
    characterSets.set(font, characters)
  }
  let safe = ''
  for (const character of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const code = character.codePointAt(0)!
    if (character === '\n') safe += character
    else if (character === '\t') safe += ' '
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue
    else safe += characters.has(code) ? character : MISSING_CHARACTER
  }
  return safe
}
