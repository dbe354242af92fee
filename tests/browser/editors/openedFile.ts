/**
 * What the test page found when it opened a board file in its editor, for the browser test to
 * read (`window.openedFile`): what the editor holds once it has loaded the file, or why it
 * refused it.
 */
export type OpenedFile =
  | {
      readonly ok: true
      /** The shapes (tldraw) or elements (Excalidraw) on the editor's canvas, by type. */
      readonly types: Readonly<Record<string, number>>
      /** Every piece of text on the canvas, as the editor holds it. */
      readonly words: readonly string[]
      /** The arrows whose two ends are both bound to something. */
      readonly boundArrows: number
    }
  | { readonly ok: false; readonly error: string }

declare global {
  interface Window {
    /** The board file to open, put there by the test before the page loads. */
    boardFile?: string
    openedFile?: OpenedFile
    /** Where Excalidraw loads its fonts from: this page's own server. */
    EXCALIDRAW_ASSET_PATH?: string
  }
}

/** Counts items by type. */
export function countTypes(items: readonly { type: string }[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { type } of items) counts[type] = (counts[type] ?? 0) + 1
  return counts
}
