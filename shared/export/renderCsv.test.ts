import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { exportSource, HIDDEN_NAME } from '../../tests/helpers/exportSource'
import { mapShapeRecord } from '../../tests/helpers/mapRecords'
import { buildBoardExport } from './boardExport'
import { CSV_COLUMNS, renderCsv } from './renderCsv'

/** The CSV's rows as objects by column, the way a spreadsheet or a script reads them. */
function parse(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true)
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true })
  expect(parsed.errors).toEqual([])
  expect(parsed.meta.fields).toEqual([...CSV_COLUMNS])
  return parsed.data
}

describe('renderCsv', () => {
  it('has a row for every service, route, gap, note and action, with who added it', () => {
    const rows = parse(renderCsv(buildBoardExport(exportSource())))
    expect(rows.map((row) => [row.Kind, row.Text, row['Added by'], row.Role])).toEqual([
      ['Service', 'Park Road GP', 'Alex Morgan', 'Lived experience'],
      ['Service', 'Housing Options', 'Alex Morgan', 'Lived experience'],
      ['Route', 'Park Road GP to Housing Options', '', ''],
      ['Gap', 'Housing Options to Park Road GP', '', ''],
      ['Barrier', 'Phone lines only open at 8am', '', ''],
      ['What works', 'Peer support at the drop-in', 'Bea', 'Carer or family'],
      ['Idea', 'One front door for housing & money', 'Blue Heron', 'Practitioner'],
      ['Action', 'Write to the council', 'A practitioner', ''],
    ])
    const byId = new Map(rows.map((row) => [row.Id, row]))
    expect(byId.get('shape:gp')?.Details).toBe('Health · Run by NHS')
    expect(byId.get('shape:housing')?.Details).toBe('Housing · Drop-in')
    expect(byId.get('shape:gp-housing')?.Details).toBe('Referral · 6 week wait')
    expect(byId.get('shape:front-door')?.['Written down by']).toBe('Bea')
    expect(byId.get('shape:write')?.Details).toBe('Who: Someone · By: 1 June 2026 · Not started')
  })

  it('never names someone who chose not to be named', () => {
    const csv = renderCsv(buildBoardExport(exportSource()))
    expect(csv).not.toContain(HIDDEN_NAME)
    expect(csv).not.toContain('Zebedee')
  })

  it('makes words that look like formulas inert in a spreadsheet', () => {
    const payloads = [
      '=HYPERLINK("http://x","y")',
      '+1',
      '-1',
      '@SUM(1)',
      '\t=1+1',
      '\r=1+1',
      '=1+1\nsecond line',
      '  =1+1',
      '＝1+1',
    ]
    const source = exportSource()
    const notes = payloads.map((text, i) =>
      mapShapeRecord('purpose-note', `payload-${i}`, { purpose: 'question', text }),
    )
    const rows = parse(
      renderCsv(buildBoardExport({ ...source, records: [...source.records, ...notes] })),
    )
    const cells = rows.filter((row) => row.Id?.startsWith('shape:payload-')).map((row) => row.Text)
    expect(cells.sort()).toEqual(payloads.map((text) => `'${text}`).sort())
    // Words that merely contain those characters are left as they were written.
    expect(rows.find((row) => row.Id === 'shape:front-door')?.Text).toBe(
      'One front door for housing & money',
    )
  })
})
