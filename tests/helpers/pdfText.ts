import { createRequire } from 'node:module'

// pdfjs-dist 3.x: its 4.x and later need Node 22. The legacy build runs on Node 20 and sets up
// its worker in the same thread. It is a UMD bundle whose names Node's ES module loader (which
// Playwright uses) cannot see, so it is required.
const { getDocument } = createRequire(import.meta.url)(
  'pdfjs-dist/legacy/build/pdf.js',
) as typeof import('pdfjs-dist/legacy/build/pdf.js')

/** What a PDF reader finds in a file: its metadata, and each page's text as one string. */
export interface PdfContents {
  readonly title: string | undefined
  readonly subject: string | undefined
  readonly creator: string | undefined
  readonly pages: readonly string[]
}

/**
 * Reads a PDF the way a reader or a search tool does: only text that is really text (not
 * drawn as pictures) is found. Lines are joined with spaces.
 */
export async function readPdf(bytes: Uint8Array): Promise<PdfContents> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise
  try {
    const pages: string[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      )
    }
    // pdfjs types the document information dictionary as a bare Object.
    const info: Record<string, unknown> = { ...(await document.getMetadata()).info }
    const text = (key: string) =>
      typeof info[key] === 'string' ? (info[key] as string) : undefined
    return { title: text('Title'), subject: text('Subject'), creator: text('Creator'), pages }
  } finally {
    await document.destroy()
  }
}
