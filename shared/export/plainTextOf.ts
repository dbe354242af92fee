import type { TLRichText } from '@tldraw/tlschema'

interface RichTextNode {
  readonly type?: unknown
  readonly text?: unknown
  readonly content?: unknown
}

/**
 * The words of a tldraw rich text (a TipTap document) as plain text: each paragraph, heading or
 * list item on a line of its own, a hard break as a new line, and marks (bold, links…) dropped.
 * Rich text is written by many clients, so anything that is not a node is skipped, not trusted.
 */
export function plainTextOf(richText: TLRichText): string {
  const lines: string[] = []
  let line = ''
  const visit = (node: RichTextNode) => {
    if (node.type === 'text') {
      if (typeof node.text === 'string') line += node.text
      return
    }
    if (node.type === 'hardBreak') {
      lines.push(line)
      line = ''
      return
    }
    const children = Array.isArray(node.content) ? (node.content as RichTextNode[]) : []
    const isTextBlock =
      children.length === 0 ||
      children.some((child) => child?.type === 'text' || child?.type === 'hardBreak')
    for (const child of children) if (typeof child === 'object' && child !== null) visit(child)
    // A block of text (a paragraph, a heading) ends its line; a container (a list, the document)
    // has only blocks inside, each of which has ended its own.
    if (isTextBlock && node.type !== 'doc') {
      lines.push(line)
      line = ''
    }
  }
  visit(richText as RichTextNode)
  if (line) lines.push(line)
  return lines.join('\n')
}
