/**
 * How wide a character of the card font is, on average, as a share of the font size. Slightly
 * generous for tldraw's sans font, so exported text never runs past the card's edge.
 */
export const AVERAGE_CHAR_WIDTH = 0.56

/**
 * Breaks text into lines that fit `maxWidth` at `fontSize`, for SVG export (SVG text does not
 * wrap by itself). It estimates widths instead of measuring them so export gives the same
 * lines in every browser and in tests without a layout engine. Line breaks in the text are
 * kept, and a word too long for a line is cut.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const perLine = Math.max(1, Math.floor(maxWidth / (fontSize * AVERAGE_CHAR_WIDTH)))
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word
      while (rest.length > perLine) {
        if (line) lines.push(line)
        lines.push(rest.slice(0, perLine))
        rest = rest.slice(perLine)
        line = ''
      }
      if (!line) line = rest
      else if (line.length + 1 + rest.length <= perLine) line += ` ${rest}`
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
