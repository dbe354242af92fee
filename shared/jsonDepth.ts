/**
 * True when the JSON text `json` nests objects and arrays at most `maxDepth` deep, found by one
 * pass over its characters without parsing it. Parsing text nested millions deep takes seconds
 * and a gigabyte of memory before it fails or succeeds; this takes a few milliseconds per
 * megabyte and allocates nothing. Brackets inside strings do not count. Text that is not JSON
 * may pass: parsing it still decides whether it is.
 */
export function jsonDepthWithin(json: string, maxDepth: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i)
    if (inString) {
      if (code === BACKSLASH) i++
      else if (code === QUOTE) inString = false
    } else if (code === QUOTE) {
      inString = true
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > maxDepth) return false
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--
    }
  }
  return true
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
