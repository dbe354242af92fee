import type { Checked } from './api'

/**
 * Characters a name or title may not hold. Control characters (C0, DEL, C1: ANSI escapes start
 * with ESC) and line or paragraph separators break the one line a name is shown on; bidi
 * controls (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C) make text read in
 * another order than it is written, so "Added by Sam" could show as something else; a lone
 * surrogate is not text at all. Joiners and
 * variation selectors are allowed: emoji and many scripts need them.
 */
const REFUSED = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\p{Bidi_Control}]/u

/** What cannot be seen on its own: spaces, joiners, marks that only combine, and other formats. */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}\p{M}]/gu

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * How long `text` is as people count it: in graphemes (what looks like one character), so a
 * family emoji made of seven code points counts once, as does an accented letter.
 */
export function graphemeLength(text: string): number {
  let count = 0
  for (const _ of graphemes.segment(text)) count++
  return count
}

/** `text` cut to at most `max` graphemes, never inside one. */
export function cutToGraphemes(text: string, max: number): string {
  let cut = ''
  let count = 0
  for (const { segment } of graphemes.segment(text)) {
    if (++count > max) break
    cut += segment
  }
  return cut
}

/** How {@link checkCleanText} words its messages and how long the text may be. */
export interface CleanTextRule {
  /** What the text is, after "your" or "the": "your name", "the title". */
  readonly what: string
  /** Longest allowed, in graphemes. */
  readonly maxGraphemes: number
}

/**
 * A name or title as it is kept: trimmed and in Unicode NFC (so the same name typed on two
 * devices is the same text), or one plain sentence saying what is wrong with it: it has a
 * control or bidi character, nothing visible, or more than `maxGraphemes` graphemes. Empty text
 * is left to the caller, which knows whether the field is optional.
 */
export function checkCleanText(
  value: string,
  { what, maxGraphemes }: CleanTextRule,
): Checked<string> {
  const text = value.normalize('NFC').trim()
  if (REFUSED.test(text)) {
    return {
      ok: false,
      error: `Please type ${what} again without hidden characters: it has one that changes how text is shown.`,
    }
  }
  if (text.length > 0 && text.replace(INVISIBLE, '').length === 0) {
    return { ok: false, error: `Please use letters, numbers or symbols people can see in ${what}.` }
  }
  if (graphemeLength(text) > maxGraphemes) {
    return {
      ok: false,
      error: `Please keep ${what} to ${maxGraphemes} characters or fewer.`,
    }
  }
  return { ok: true, value: text }
}

/**
 * Text from somewhere people did not type it for Commonmap (a file's name), made fit to be a
 * title: refused characters removed, NFC, trimmed and cut to `maxGraphemes`. Undefined when
 * nothing visible is left.
 */
export function cleanedText(value: string, maxGraphemes: number): string | undefined {
  const text = cutToGraphemes(
    value.normalize('NFC').replace(new RegExp(REFUSED.source, 'gu'), '').trim(),
    maxGraphemes,
  ).trim()
  return text.replace(INVISIBLE, '').length > 0 ? text : undefined
}
