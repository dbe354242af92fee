// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { exportSource, HIDDEN_NAME } from '../../tests/helpers/exportSource'
import { mapShapeRecord } from '../../tests/helpers/mapRecords'
import { buildBoardExport } from './boardExport'
import { HTML_REPORT_CSP, renderHtmlReport } from './renderHtmlReport'

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html')
}

/** The text of the list right after the heading with `heading`'s text (its section's items). */
function itemsAfter(doc: Document, heading: string): string[] {
  const found = [...doc.querySelectorAll('h2, h3, h4')].find(
    (h) => h.textContent?.trim() === heading,
  )
  let next = found?.nextElementSibling
  while (next && next.tagName !== 'UL' && !/^H\d$/.test(next.tagName))
    next = next.nextElementSibling
  if (!next || next.tagName !== 'UL') return []
  return [...next.children].map((li) => li.textContent!.replace(/\s+/g, ' ').trim())
}

const INJECTIONS = [
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'><img src=x onerror=alert(1)>",
  'Fish & chips &amp; <b>bold</b>',
]

describe('renderHtmlReport', () => {
  it('is a document with real headings for each part, in order', () => {
    const doc = parse(renderHtmlReport(buildBoardExport(exportSource())))
    expect(doc.documentElement.lang).toBe('en')
    expect(doc.title).toBe('Getting help with housing')
    expect([...doc.querySelectorAll('h1, h2')].map((h) => h.textContent?.trim())).toEqual([
      'Getting help with housing',
      'What we mapped',
      'What happens next',
      'Who made this',
      'Licence',
    ])
    expect(doc.querySelector('time')?.textContent).toBe('14 March 2026')
    expect(
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    ).toBe(HTML_REPORT_CSP)
  })

  it('says what was mapped, what happens next and who made it, as each person chose', () => {
    const doc = parse(renderHtmlReport(buildBoardExport(exportSource())))
    expect(itemsAfter(doc, 'Health')).toEqual([
      'Park Road GP Run by NHS Added by Alex Morgan · Lived experience. Referral out, to Housing Options (6 week wait)',
    ])
    expect(itemsAfter(doc, 'Gaps: where there is no route')).toEqual([
      'From Housing Options to Park Road GP',
    ])
    expect(itemsAfter(doc, 'Barriers')).toEqual(['Phone lines only open at 8am'])
    expect(itemsAfter(doc, 'Ideas')).toEqual([
      'One front door for housing & money Added by Blue Heron · Practitioner, written down by Bea.',
    ])
    expect(itemsAfter(doc, 'What happens next')).toEqual([
      'Write to the council Who: Someone · By when: 1 June 2026 · Not started',
    ])
    expect(itemsAfter(doc, 'Lived experience')).toEqual(['Alex Morgan'])
    expect(itemsAfter(doc, 'Practitioner')).toEqual(['A practitioner', 'Blue Heron'])
    expect(doc.body.textContent).not.toContain('people)')
  })

  it('says who facilitated, after who made it', () => {
    const doc = parse(renderHtmlReport(buildBoardExport(exportSource())))
    const section = doc.querySelector('section[aria-labelledby="credits"]')!
    expect(section.textContent).toContain('Facilitated by Bea · Facilitator.')
  })

  it('gives a group’s size only when the model has one', () => {
    const model = buildBoardExport(exportSource())
    const credits = [{ ...model.credits[0]!, names: ['A', 'B', 'C'], count: 3 }]
    const doc = parse(renderHtmlReport({ ...model, credits }))
    expect(doc.querySelector('#credits ~ h3')?.textContent).toBe('Lived experience (3 people)')
  })

  it('names the licence, links it, and says who chose it', () => {
    const doc = parse(renderHtmlReport(buildBoardExport(exportSource())))
    const section = doc.querySelector('section[aria-labelledby="licence"]')!
    const link = section.querySelector('a')!
    expect(link.textContent).toBe('Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)')
    expect(link.getAttribute('href')).toBe('https://creativecommons.org/licenses/by-sa/4.0/')
    expect(section.textContent).toContain('Chosen by Bea · Carer or family on 14 November 2023.')
  })

  it('shows the board picture with its words for people who cannot see it', () => {
    const src = 'data:image/png;base64,iVBORw0KGgo='
    const doc = parse(
      renderHtmlReport(buildBoardExport(exportSource()), {
        boardImage: { src, alt: 'The map: 2 services, 1 gap' },
      }),
    )
    const img = doc.querySelector('figure img')!
    expect(img.getAttribute('src')).toBe(src)
    expect(img.getAttribute('alt')).toBe('The map: 2 services, 1 gap')
  })

  it('never names someone who chose not to be named', () => {
    const html = renderHtmlReport(buildBoardExport(exportSource()))
    expect(html).not.toContain(HIDDEN_NAME)
    expect(html).not.toContain('Zebedee')
  })

  it('shows markup people wrote as words, never as markup', () => {
    const source = exportSource()
    const notes = INJECTIONS.map((text, i) =>
      mapShapeRecord('purpose-note', `payload-${i}`, { purpose: 'question', text }),
    )
    const service = mapShapeRecord('service', 'evil', {
      name: INJECTIONS[1],
      runBy: INJECTIONS[0],
    })
    const model = buildBoardExport({
      ...source,
      title: INJECTIONS[0]!,
      records: [...source.records, ...notes, service],
    })
    const html = renderHtmlReport(model, { boardImage: { src: 'data:,', alt: INJECTIONS[1]! } })
    const doc = parse(html)
    expect(doc.querySelectorAll('script, svg, b, img:not(figure img)')).toHaveLength(0)
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => a.name.startsWith('on')),
    )
    expect(handlers).toEqual([])
    expect(itemsAfter(doc, 'Questions')).toEqual(INJECTIONS)
    expect(doc.querySelector('h1')?.textContent).toBe(INJECTIONS[0])
    expect(doc.querySelector('figure img')?.getAttribute('alt')).toBe(INJECTIONS[1])
    expect(html).toContain('Fish &amp; chips &amp;amp; &lt;b&gt;')
  })

  it('says so plainly where there is nothing yet', () => {
    const empty = buildBoardExport(exportSource({ records: [], attributions: new Map() }))
    const doc = parse(renderHtmlReport(empty))
    expect(doc.querySelectorAll('.nothing').length).toBeGreaterThanOrEqual(3)
    expect(doc.body.textContent).toContain('Nothing here yet.')
  })
})
