import type { Editor, TLShape } from 'tldraw'

/** The longest part of a card's words said in a button's name or a list. */
const MAX_WORDS = 60

/** "the card ‘Long waits for a GP’": a card as a person recognises it, or "this card". */
export function cardName(editor: Editor, shape: TLShape): string {
  const words = editor.getShapeUtil(shape).getText(shape)?.trim()
  if (!words) return 'this card'
  const short = words.length > MAX_WORDS ? `${words.slice(0, MAX_WORDS - 1)}…` : words
  return `the card ‘${short}’`
}
