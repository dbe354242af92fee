import { T } from '@tldraw/validate'

/** Longest one-line text on a map shape (a service's name, who runs it), in characters. */
export const MAX_SHORT_TEXT = 200

/** Longest free text on a map shape (notes, a situation, a sticky note), in characters. */
export const MAX_LONG_TEXT = 2000

/**
 * A validator for plain text of at most `max` characters. Map shapes keep their words as plain
 * strings, not tldraw rich text, so that the map can be read, counted and exported as data
 * (shared/mapOutline.ts) without a rich-text parser. The limit keeps one shape from carrying
 * a whole document into every participant's browser.
 */
export function boundedText(max: number): T.Validator<string> {
  return T.string.check((text) => {
    if (text.length > max) {
      throw new T.ValidationError(`Expected at most ${max} characters, got ${text.length}`)
    }
  })
}
