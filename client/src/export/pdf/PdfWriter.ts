import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib'
import { wrapToWidth } from '../../../../shared/wrapText'
import { fontSafeText } from './fontSafeText'

/** The TrueType fonts a report is written in (bytes of `.ttf` files; fontkit cannot subset WOFF2). */
export interface PdfFonts {
  readonly regular: Uint8Array
  readonly bold: Uint8Array
}

/** What a PDF says about itself, shown by readers in the window title and document properties. */
export interface PdfMetadata {
  readonly title: string
  readonly subject: string
  readonly createdAt: Date
}

// A4 portrait, in points, with margins wide enough for a printer and a hole punch.
const A4: readonly [number, number] = [595.28, 841.89]
const MARGIN = 56
const FOOTER_SIZE = 9
const LINE_SPACING = 1.35
const INK = rgb(0.1, 0.12, 0.16)
const MUTED = rgb(0.33, 0.36, 0.41)

/**
 * Ligatures off: "fi" stays two letters, so a reader's search and copy find the words people
 * wrote. Kerning off: widths are then the sum of the letters', which lets wrapping measure
 * each word once. Shaping with fewer features is also faster for a long report.
 */
const TEXT_FEATURES = { liga: false, kern: false }

type Orientation = 'portrait' | 'landscape'

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0]
type Font = ReturnType<Fontkit['create']>

const parsedFonts = new WeakMap<Uint8Array, Font>()
/**
 * fontkit, keeping each font it parses: the same font's bytes come back for every report, and
 * parsing them again (and decoding their tables as text is laid out) took a fifth of a second
 * of each export. pdf-lib only reads the parsed font; each document makes its own subset.
 */
const reusingFontkit: Fontkit = {
  create(bytes, postscriptName) {
    if (postscriptName !== undefined) return fontkit.create(bytes, postscriptName)
    let font = parsedFonts.get(bytes)
    if (!font) parsedFonts.set(bytes, (font = rememberingLayouts(fontkit.create(bytes))))
    return font
  },
}

/** Lines laid out and kept per font, at most; a report of a thousand cards has ~3,500. */
const MAX_LAYOUTS = 20_000

/**
 * The font, keeping the glyphs of each line it lays out. pdf-lib lays out every line it
 * writes, shaping it glyph by glyph, and a report repeats many lines ("Added by Sam ·
 * Facilitator" under each card someone added): shaping each once saves much of the time the
 * text takes. pdf-lib only reads the glyphs.
 */
function rememberingLayouts(font: Font): Font {
  const layout = font.layout.bind(font)
  const layouts = new Map<string, ReturnType<Font['layout']>>()
  font.layout = (text, features, ...rest) => {
    if (features !== TEXT_FEATURES || rest.length > 0) return layout(text, features, ...rest)
    let run = layouts.get(text)
    if (!run) {
      if (layouts.size >= MAX_LAYOUTS) layouts.clear()
      layouts.set(text, (run = layout(text, features)))
    }
    return run
  }
  return font
}

const HEADING_SIZES = { 1: 24, 2: 17, 3: 13 } as const

/**
 * Writes a report top to bottom, the way a word processor would: headings, wrapped paragraphs
 * and list items flow down the page and onto new pages, and pictures are scaled to fit. All text
 * is real text in an embedded, subset font, so a reader can select, search and read it aloud;
 * characters the font lacks become "?" rather than boxes or a failed export.
 */
export class PdfWriter {
  private page: PDFPage
  /** Width at size 1 of each word measured so far, by font. */
  private readonly wordWidths = new Map<PDFFont, Map<string, number>>()
  /** Distance from the bottom of the page to where the next line's top goes. */
  private cursor: number
  /** Where new pages go once {@link writeAtStart} was called; null: at the end. */
  private insertAt: number | null = null

  private constructor(
    private readonly document: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = document.addPage([...A4])
    this.cursor = this.page.getHeight() - MARGIN
  }

  static async create(fonts: PdfFonts, metadata: PdfMetadata): Promise<PdfWriter> {
    const document = await PDFDocument.create()
    document.registerFontkit(reusingFontkit)
    // Subsetting keeps only the glyphs used: a report is tens of kilobytes of font, not hundreds.
    const [regular, bold] = await Promise.all([
      document.embedFont(fonts.regular, { subset: true, features: TEXT_FEATURES }),
      document.embedFont(fonts.bold, { subset: true, features: TEXT_FEATURES }),
    ])
    document.setTitle(metadata.title, { showInWindowTitleBar: true })
    document.setSubject(metadata.subject)
    document.setCreator('Commonmap')
    document.setProducer('Commonmap')
    document.setLanguage('en-GB')
    document.setCreationDate(metadata.createdAt)
    document.setModificationDate(metadata.createdAt)
    return new PdfWriter(document, regular, bold)
  }

  private get contentWidth(): number {
    return this.page.getWidth() - 2 * MARGIN
  }

  /** Starts a new page; pictures wider than tall read better on a landscape one. */
  newPage(orientation: Orientation = 'portrait'): void {
    const [short, long] = A4
    const size: [number, number] = orientation === 'portrait' ? [short, long] : [long, short]
    this.page =
      this.insertAt === null
        ? this.document.addPage(size)
        : this.document.insertPage(this.insertAt++, size)
    this.cursor = this.page.getHeight() - MARGIN
  }

  /**
   * From now on, writes on new pages before everything written so far, in order: a report can
   * lay out its text while the browser is still drawing the pictures that come first.
   */
  writeAtStart(): void {
    this.insertAt = 0
    this.newPage()
  }

  /** True when nothing has been written on the current page yet. */
  private get pageIsEmpty(): boolean {
    return this.cursor === this.page.getHeight() - MARGIN
  }

  heading(text: string, level: 1 | 2 | 3): void {
    const size = HEADING_SIZES[level]
    // A heading never sits alone at the foot of a page: it needs room for two lines under it.
    this.ensureRoom(lineHeight(size) + 2 * lineHeight(11) + size * 0.6)
    if (!this.pageIsEmpty) this.cursor -= size * 0.6
    this.lines(text, { font: this.bold, size })
    this.cursor -= size * 0.3
  }

  paragraph(text: string, options: { muted?: boolean; bold?: boolean } = {}): void {
    this.lines(text, {
      font: options.bold ? this.bold : this.regular,
      size: 11,
      color: options.muted ? MUTED : INK,
    })
    this.cursor -= 6
  }

  /**
   * A list item: its text after a bullet, and its details under it, indented and smaller
   * (empty details are left out).
   */
  item(text: string, details: readonly string[] = []): void {
    const indent = 14
    this.ensureRoom(lineHeight(11))
    this.page.drawText('•', {
      x: MARGIN + 2,
      y: this.cursor - 11,
      size: 11,
      font: this.regular,
      color: INK,
    })
    this.lines(text, { font: this.regular, size: 11, indent })
    for (const detail of details.filter(Boolean)) {
      this.lines(detail, { font: this.regular, size: 10, indent, color: MUTED })
    }
    this.cursor -= 5
  }

  /**
   * A picture (JPEG or PNG) with its caption above it, as large as fits the rest of the page;
   * on a new page when less than `minShare` of a page is left.
   */
  async picture(bytes: Uint8Array, caption: string, minShare = 0.4): Promise<void> {
    const image = await this.embedPicture(bytes)
    const captionHeight = lineHeight(10) + 4
    const available = () => this.cursor - MARGIN - captionHeight
    if (available() < (this.page.getHeight() - 2 * MARGIN) * minShare) this.newPage()
    this.lines(caption, { font: this.regular, size: 10, color: MUTED })
    this.cursor -= 4
    this.drawImage(image, available() + captionHeight)
  }

  /**
   * A picture alone on its own page, headed by `heading`, the page turned to suit its shape.
   */
  async pictureOnItsOwnPage(bytes: Uint8Array, heading: string): Promise<void> {
    const image = await this.embedPicture(bytes)
    this.newPage(image.width > image.height ? 'landscape' : 'portrait')
    this.heading(heading, 2)
    this.drawImage(image, this.cursor - MARGIN)
  }

  /**
   * A JPEG goes into the PDF byte for byte; a PNG is decoded and compressed again by pdf-lib,
   * which for a large picture takes seconds, so reports use JPEG.
   */
  private embedPicture(bytes: Uint8Array): Promise<PDFImage> {
    const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8
    return isJpeg ? this.document.embedJpg(bytes) : this.document.embedPng(bytes)
  }

  private drawImage(image: PDFImage, maxHeight: number): void {
    const scale = Math.min(this.contentWidth / image.width, maxHeight / image.height, 1)
    const width = image.width * scale
    const height = image.height * scale
    this.page.drawImage(image, {
      x: MARGIN + (this.contentWidth - width) / 2,
      y: this.cursor - height,
      width,
      height,
    })
    this.cursor -= height + 12
  }

  /** The finished file, each page footed with the title and "Page n of N". */
  async save(footer: string): Promise<Uint8Array> {
    const pages = this.document.getPages()
    pages.forEach((page, index) => {
      const right = `Page ${index + 1} of ${pages.length}`
      const rightWidth = this.regular.widthOfTextAtSize(right, FOOTER_SIZE)
      const left = this.fit(fontSafeText(footer, this.regular), FOOTER_SIZE, {
        maxWidth: page.getWidth() - 2 * MARGIN - rightWidth - 24,
      })
      const y = MARGIN / 2
      const style = { size: FOOTER_SIZE, font: this.regular, color: MUTED }
      page.drawText(left, { x: MARGIN, y, ...style })
      page.drawText(right, { x: page.getWidth() - MARGIN - rightWidth, y, ...style })
    })
    return this.document.save()
  }

  /** Shortens one line with "…" until it fits `maxWidth`. */
  private fit(text: string, size: number, { maxWidth }: { maxWidth: number }): string {
    const characters = [...text]
    if (this.regular.widthOfTextAtSize(text, size) <= maxWidth) return text
    while (characters.length > 0) {
      characters.pop()
      const shortened = `${characters.join('').trimEnd()}…`
      if (this.regular.widthOfTextAtSize(shortened, size) <= maxWidth) return shortened
    }
    return ''
  }

  private lines(
    text: string,
    {
      font,
      size,
      indent = 0,
      color = INK,
    }: { font: PDFFont; size: number; indent?: number; color?: ReturnType<typeof rgb> },
  ): void {
    const safe = fontSafeText(text, font)
    const wrapped = wrapToWidth(safe, this.contentWidth - indent, (line) =>
      this.widthOf(line, font, size),
    )
    for (const line of wrapped) {
      this.ensureRoom(lineHeight(size))
      // drawText places the baseline; the cursor is the top of the line.
      this.page.drawText(line, { x: MARGIN + indent, y: this.cursor - size, size, font, color })
      this.cursor -= lineHeight(size)
    }
  }

  /**
   * How wide `line` is: the sum of its words' widths, each measured once. Measuring a line
   * lays it out with fontkit, and wrapping measures each line again for every word it tries to
   * add, which for a thousand-card map took more than a second.
   */
  private widthOf(line: string, font: PDFFont, size: number): number {
    let widths = this.wordWidths.get(font)
    if (!widths) this.wordWidths.set(font, (widths = new Map()))
    const words = line.split(' ')
    let width = (words.length - 1) * this.spaceWidth(font, widths)
    for (const word of words) {
      let wordWidth = widths.get(word)
      if (wordWidth === undefined) {
        wordWidth = font.widthOfTextAtSize(word, 1)
        widths.set(word, wordWidth)
      }
      width += wordWidth
    }
    return width * size
  }

  private spaceWidth(font: PDFFont, widths: Map<string, number>): number {
    let space = widths.get(' ')
    if (space === undefined) widths.set(' ', (space = font.widthOfTextAtSize(' ', 1)))
    return space
  }

  private ensureRoom(height: number): void {
    if (this.cursor - height < MARGIN && !this.pageIsEmpty) this.newPage()
  }
}

function lineHeight(size: number): number {
  return size * LINE_SPACING
}
