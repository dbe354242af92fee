import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { exportSource } from '../../tests/helpers/exportSource'
import { publishVote, type DotVote } from '../dotVote'
import type { RoleId } from '../roles'
import { buildBoardExport } from './boardExport'
import { renderCsv } from './renderCsv'
import { renderHtmlReport } from './renderHtmlReport'

/** A board whose barrier got a dot from three people with lived experience, one practitioner too. */
function votedBoard(closedAt: number | null) {
  const source = exportSource()
  const cardWith = (words: string) =>
    source.records.find((r) => JSON.stringify(r).includes(words))!.id as string
  const barrier = cardWith('Phone lines only open at 8am')
  const idea = cardWith('One front door for housing')
  const voters = (
    ['lived-experience', 'lived-experience', 'lived-experience', 'practitioner'] as RoleId[]
  ).map((role, i) => ({ id: `voter-${i}`, role, credit: 'full-name' as const }))
  const vote: DotVote = {
    id: 1,
    shapes: [idea, barrier],
    dots: 3,
    severalPerCard: false,
    showLive: false,
    openedAt: 1,
    openedBy: 'voter-0',
    closedAt,
  }
  const cast = voters.map((voter) => ({ participantId: voter.id, shapeId: barrier, dots: 1 }))
  return { source: { ...source, vote: publishVote(vote, cast, voters) }, barrier }
}

describe('What we prioritised, in the exports', () => {
  it('gives each card of a closed vote its dots and split by role, most dots first', () => {
    const { source, barrier } = votedBoard(2)
    const model = buildBoardExport(source)
    expect(model.prioritised?.cards.map((card) => [card.name, card.total])).toEqual([
      ['Phone lines only open at 8am', '4 dots'],
      ['One front door for housing & money', '0 dots'],
    ])
    expect(model.prioritised?.cards[0]?.split).toEqual([
      'Lived experience: 3 dots',
      'Practitioner: fewer than three people voted, so their dots are not shown apart',
    ])

    const html = renderHtmlReport(model)
    expect(html).toContain('<h2 id="prioritised">What we prioritised</h2>')
    expect(html).toContain('Lived experience: 3 dots')

    const rows = Papa.parse<Record<string, string>>(renderCsv(model).replace(/^\uFEFF/, ''), {
      header: true,
    }).data
    expect(rows.find((row) => row.Id === barrier)?.['Dots in the vote']).toBe('4 dots')
    expect(rows.find((row) => row.Kind === 'Service')?.['Dots in the vote']).toBe('')
  })

  it('leaves out a vote that is still open, whose results may change', () => {
    const model = buildBoardExport(votedBoard(null).source)
    expect(model.prioritised).toBeUndefined()
    expect(renderHtmlReport(model)).not.toContain('What we prioritised')
  })
})
