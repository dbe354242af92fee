import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { PDFDocument, PDFName } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { buildBoardExport, type BoardExport } from '../../../../shared/export/boardExport'
import { LICENCES } from '../../../../shared/export/licences'
import { mapOutline } from '../../../../shared/mapOutline'
import { mapShapeRecord } from '../../../../tests/helpers/mapRecords'
import { exportSource, HIDDEN_NAME } from '../../../../tests/helpers/exportSource'
import { readPdf } from '../../../../tests/helpers/pdfText'
import { everyKindOfMapRecord } from '../../../../tests/helpers/serviceMapRecords'
import { renderPdfReport } from './renderPdfReport'

const require = createRequire(import.meta.url)
const fontFile = (weight: string) =>
  readFileSync(
    require.resolve(
      `@expo-google-fonts/atkinson-hyperlegible/${weight}/AtkinsonHyperlegible_${weight}.ttf`,
    ),
  )
const fonts = { regular: fontFile('400Regular'), bold: fontFile('700Bold') }

// A 1×1 PNG.
const DOT = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)

function boardExport(changes: Partial<BoardExport> = {}): BoardExport {
  const outline = mapOutline(everyKindOfMapRecord())
  const gp = outline.serviceGroups[0]!.services[0]!
  return {
    title: 'Crisis support in Leeds',
    exportedAt: Date.UTC(2026, 4, 3, 10, 30),
    licence: {
      ...LICENCES['cc-by-sa-4.0'],
      setBy: 'Priya · Practitioner',
      setAt: Date.UTC(2026, 4, 2),
    },
    outline,
    authors: new Map([
      [gp.id, { name: 'Sam Jones', role: 'Lived experience', writtenDownBy: 'Priya' }],
    ]),
    credits: [
      {
        role: 'lived-experience',
        label: 'Lived experience',
        names: ['Blue Heron', 'Sam Jones', 'Someone with lived experience'],
        count: 3,
      },
      { role: 'practitioner', label: 'Practitioner', names: ['Priya'], count: null },
    ],
    facilitatedBy: 'Facilitated by Alex · Facilitator',
    frames: [
      { id: 'shape:template-purpose', name: '1. Why we are here' },
      { id: 'shape:template-map', name: '4. The map' },
    ],
    prioritised: undefined,
    ...changes,
  }
}

const pictures = {
  board: DOT,
  frames: new Map([
    ['shape:template-purpose', DOT],
    ['shape:template-map', DOT],
  ]),
}

describe('renderPdfReport', () => {
  it('says what the board is, in the file and on the first page', async () => {
    const pdf = await readPdf(await renderPdfReport(boardExport(), pictures, fonts))
    expect(pdf.title).toBe('Crisis support in Leeds')
    expect(pdf.creator).toBe('Commonmap')
    expect(pdf.subject).toMatch(/service map/)
    expect(pdf.pages[0]).toContain('Crisis support in Leeds')
    expect(pdf.pages[0]).toContain('Exported on 3 May 2026')
    expect(pdf.pages[0]).toContain('The whole board')
  })

  it('gives each session area a page of its own, headed by its name', async () => {
    const pdf = await readPdf(await renderPdfReport(boardExport(), pictures, fonts))
    expect(pdf.pages[1]).toContain('1. Why we are here')
    expect(pdf.pages[2]).toContain('4. The map')
  })

  it('lists what was mapped and what happens next as text a reader can search', async () => {
    const text = (await readPdf(await renderPdfReport(boardExport(), pictures, fonts))).pages.join(
      '\n',
    )
    expect(text).toContain('What we mapped')
    expect(text).toContain('Health (1)')
    expect(text).toContain('Park Road GP')
    expect(text).toContain('Run by NHS · For Anyone registered · Self-referral')
    expect(text).toContain('Added by Sam Jones · Lived experience, written down by Priya')
    expect(text).toContain('Housing Options')
    expect(text).toContain('Gaps: where there is no route')
    expect(text).toContain('What gets in the way')
    expect(text).toContain('What happens next')
    for (const action of boardExport().outline.actions) {
      if (action.what) expect(text).toContain(action.what)
    }
  })

  it('says what the group prioritised, with the split by role, when a vote has closed', async () => {
    const prioritised = {
      cards: [
        {
          shapeId: 'shape:a',
          name: 'Open on Saturdays',
          total: '5 dots',
          split: ['Lived experience: 4 dots', 'Practitioner: fewer than three people voted'],
        },
      ],
      differences: ['Open on Saturdays: 80% of the dots of people with lived experience or carers'],
    }
    const pdf = await readPdf(await renderPdfReport(boardExport({ prioritised }), pictures, fonts))
    const text = pdf.pages.join('\n')
    expect(text).toContain('What we prioritised')
    expect(text).toContain('Open on Saturdays: 5 dots')
    expect(text).toContain('Lived experience: 4 dots')
    expect(text).toContain('Where people with lived experience and professionals differed')
    const without = await readPdf(await renderPdfReport(boardExport(), pictures, fonts))
    expect(without.pages.join('\n')).not.toContain('What we prioritised')
  })

  it('credits people by group, with a group’s size only when it is shown', async () => {
    const pdf = await readPdf(await renderPdfReport(boardExport(), pictures, fonts))
    const credits = pdf.pages.find((page) => page.includes('Who made this'))!
    expect(credits).toContain('Lived experience 3 people in this group.')
    expect(credits).toContain('Blue Heron')
    expect(credits).toContain('Practitioner • Priya')
    expect(credits).toContain('Facilitated by Alex · Facilitator.')
    expect(credits).toContain('Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)')
    expect(credits).toContain('Chosen by Priya · Practitioner on 2 May 2026.')
  })

  it('wraps long text within the page and carries it onto new pages', async () => {
    const long = 'A barrier that goes on and on. '.repeat(400)
    const outline = mapOutline([
      mapShapeRecord('purpose-note', 'long', { purpose: 'barrier', text: long }),
    ])
    const pdf = await readPdf(
      await renderPdfReport(
        boardExport({ outline, frames: [] }),
        { board: null, frames: new Map() },
        fonts,
      ),
    )
    const mapped = pdf.pages.findIndex((page) => page.includes('What we mapped'))
    const noteText = pdf.pages.slice(mapped).join(' ')
    // Counted word by word: the footer of each page comes between the lines either side of it.
    expect(noteText.match(/\bbarrier\b/g)).toHaveLength(400)
    expect(pdf.pages.length).toBeGreaterThan(mapped + 3)
    expect(pdf.pages.at(-1)).toMatch(new RegExp(`Page ${pdf.pages.length} of ${pdf.pages.length}`))
  })

  it('keeps what people typed as plain text: no markup, formula, link or script reaches the file', async () => {
    const payloads = [
      '<script>alert(1)</script>',
      '=HYPERLINK("http://example.com","click")',
      '+1',
      '@SUM(1)',
      ') Tj /OpenAction << /S /JavaScript /JS (app.alert(1)) >> (',
    ]
    const outline = mapOutline(
      payloads.map((text, n) =>
        mapShapeRecord('purpose-note', `payload-${n}`, { purpose: 'idea', text }),
      ),
    )
    const bytes = await renderPdfReport(
      boardExport({ outline, frames: [] }),
      { board: null, frames: new Map() },
      fonts,
    )
    const text = (await readPdf(bytes)).pages.join(' ')
    for (const payload of payloads) expect(text).toContain(payload)
    // The file's own structure has no actions, scripts or links: the words are only drawn.
    const document = await PDFDocument.load(bytes)
    for (const key of ['OpenAction', 'AA', 'Names']) {
      expect(document.catalog.get(PDFName.of(key))).toBeUndefined()
    }
    for (const page of document.getPages()) {
      expect(page.node.Annots()?.size() ?? 0).toBe(0)
      expect(page.node.get(PDFName.of('AA'))).toBeUndefined()
    }
  })

  it('writes names in scripts the font lacks as "?" rather than failing', async () => {
    const credits = [
      { role: 'other' as const, label: 'Other', names: ['Сергей 李明', 'Zoë'], count: null },
    ]
    const pdf = await readPdf(await renderPdfReport(boardExport({ credits }), pictures, fonts))
    const text = pdf.pages.join(' ')
    expect(text).toContain('?????? ??')
    expect(text).toContain('Zoë')
  })

  it('says plainly when the board is empty and has no licence chosen', async () => {
    const pdf = await readPdf(
      await renderPdfReport(
        boardExport({
          outline: mapOutline([]),
          credits: [],
          frames: [],
          licence: { ...LICENCES['cc-by-4.0'], setBy: null, setAt: null },
        }),
        { board: null, frames: new Map() },
        fonts,
      ),
    )
    const text = pdf.pages.join(' ')
    expect(text).toContain('Nothing has been drawn on the board yet.')
    expect(text).toContain('No actions were agreed.')
    expect(text).toContain('Nobody is named on this board.')
    expect(text).toContain('Nobody has chosen a licence for this board')
  })

  it('names nobody who chose not to be named, not even by first name', async () => {
    const bytes = await renderPdfReport(buildBoardExport(exportSource()), pictures, fonts)
    const text = (await readPdf(bytes)).pages.join(' ')
    expect(text).toContain('Write to the council')
    for (const name of [HIDDEN_NAME, HIDDEN_NAME.split(' ')[0]!]) {
      expect(text).not.toContain(name)
      expect(Buffer.from(bytes).includes(name)).toBe(false)
    }
  })
})
