import { describe, expect, it } from 'vitest'
import { exportSource } from '../../tests/helpers/exportSource'
import { buildBoardExport } from './boardExport'
import { madeByText } from './madeBy'

describe('madeByText', () => {
  it('names the board, who made it by group as they chose, the licence and the day', () => {
    expect(madeByText(buildBoardExport(exportSource())).split('\n')).toEqual([
      'Getting help with housing',
      'Made together on Commonmap by:',
      'Lived experience: Alex Morgan',
      'Carer or family: Bea',
      'Practitioner: A practitioner, Blue Heron',
      'Everyone is named the way they chose. Some people chose not to be named.',
      'Licence: Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0). Chosen by Bea · Carer or family.',
      'Anyone may share and adapt this board, as long as they credit the people who made it and share what they make on the same terms.',
      'Exported on 14 March 2026.',
    ])
  })

  it('gives a group’s size from three people up, and says so when nobody is named', () => {
    const model = buildBoardExport(exportSource())
    const three = {
      ...model,
      credits: [
        { role: 'carer' as const, label: 'Carer or family', names: ['A', 'B', 'C'], count: 3 },
      ],
    }
    expect(madeByText(three)).toContain('\nCarer or family (3 people): A, B, C\n')
    const nobody = madeByText({
      ...model,
      credits: [],
      licence: { ...model.licence, setBy: null },
    })
    expect(nobody).toContain('Made together on Commonmap. Nobody is named on this board.')
    expect(nobody).not.toContain('Chosen by')
    expect(nobody).not.toContain('Some people chose not to be named')
  })
})
