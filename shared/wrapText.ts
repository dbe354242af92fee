/**
 * How wide a character of the card font is, on average, as a share of the font size. Slightly
 * generous for tldraw's sans font, so exported text never runs past the card's edge.
 */
export const AVERAGE_CHAR_WIDTH = 0.56

/**
 * Breaks text into lines that fit `maxWidth` at `fontSize`, for SVG export and the Excalidraw
 * file (neither wraps text by itself), and to tell how tall text is in a tldraw file. It
 * estimates widths instead of measuring them so export gives the same lines in every browser,
 * on the server and in tests without a layout engine. Line breaks in the text are
 * kept, and a word too long for a line is cut.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  // Counting characters against a whole number per line, rather than multiplying widths, keeps
  // a line that fits exactly from being pushed over by floating-point rounding.
  const perLine = Math.max(1, Math.floor(maxWidth / (fontSize * AVERAGE_CHAR_WIDTH)))
  return wrapToWidth(text, perLine, (line) => line.length)
}

/**
 * Breaks text into lines no wider than `maxWidth` as `widthOf` measures them (a real font's
 * widths, for the PDF report; a character count, for {@link wrapText}). Line breaks in the text
 * are kept, runs of spaces become one, trailing blank lines are dropped, and a word too long
 * for a line is cut where it stops fitting (never inside a character).
 */
export function wrapToWidth(
  text: string,
  maxWidth: number,
  widthOf: (line: string) => number,
): string[] {
  const fits = (line: string) => widthOf(line) <= maxWidth
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word
      while (!fits(rest)) {
        if (line) lines.push(line)
        const [head, tail] = cutToFit(rest, fits)
        lines.push(head)
        rest = tail
        line = ''
      }
      if (!line) line = rest
      else if (fits(`${line} ${rest}`)) line += ` ${rest}`
      else {
        lines.push(line)
        line = rest
      }
    }
    lines.push(line)
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** The longest start of `word` that fits (at least one character, so wrapping always ends). */
function cutToFit(word: string, fits: (line: string) => boolean): [string, string] {
  const characters = [...word]
  let length = 1
  while (length < characters.length && fits(characters.slice(0, length + 1).join(''))) length++
  return [characters.slice(0, length).join(''), characters.slice(length).join('')]
}
