/** A tldraw rich-text value holding `text` (what a note's words look like in the document). */
export function richText(text: string) {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
}

/**
 * A note shape record as the client writes it, valid for the board's schema (the server refuses
 * any other), with `text` as its words. `meta` is what the writing client claims, which the
 * server never trusts for attribution.
 */
export function noteRecord(
  id: string,
  text: string,
  { x = 0, y = 0, meta = {} }: { x?: number; y?: number; meta?: Record<string, unknown> } = {},
) {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    parentId: 'page:page',
    index: 'a1',
    x,
    y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    props: {
      color: 'yellow',
      richText: richText(text),
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      labelColor: 'black',
      growY: 0,
      fontSizeAdjustment: 1,
      url: '',
      scale: 1,
      textLastEditedBy: null,
    },
    meta,
  } as never
}
