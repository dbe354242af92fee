import { decodeBoardPayload, encodeBoardPayload } from './boardPayload'

/** The namespace of the element that carries a board inside an exported SVG. */
export const SVG_BOARD_NAMESPACE = 'urn:commonmap:board'

const BOARD_ELEMENT = /<commonmap:board\b[^>]*>([A-Za-z0-9+/=\s]*)<\/commonmap:board>/

/**
 * A copy of `svg` that carries `boardJson` in its `<metadata>`, so dropping the picture onto
 * Commonmap reopens it as a board. The payload is base64, so it cannot break out of the element
 * or be read as markup.
 */
export function embedBoardInSvg(svg: string, boardJson: string): string {
  const open = /<svg\b[^>]*>/.exec(svg)
  if (!open) throw new Error('This is not an SVG picture.')
  const at = open.index + open[0].length
  const metadata =
    `<metadata><commonmap:board xmlns:commonmap="${SVG_BOARD_NAMESPACE}">` +
    `${encodeBoardPayload(boardJson)}</commonmap:board></metadata>`
  return svg.slice(0, at) + metadata + svg.slice(at).replace(BOARD_ELEMENT, '')
}

/**
 * The board JSON a Commonmap SVG carries, or undefined for an SVG without one. Throws for a
 * damaged board, or one that unpacks to more than `maxBytes`.
 */
export function extractBoardFromSvg(svg: string, maxBytes?: number): string | undefined {
  const match = BOARD_ELEMENT.exec(svg)
  return match?.[1] === undefined ? undefined : decodeBoardPayload(match[1], maxBytes)
}
