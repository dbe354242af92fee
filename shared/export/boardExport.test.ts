import type { TLFrameShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportPeople, exportSource, HIDDEN_NAME } from '../../tests/helpers/exportSource'
import { validateWithSchema } from '../../tests/helpers/mapRecords'
import { NOT_NAMED } from '../credit'
import type { PublishedPerson } from '../participant'
import { buildBoardExport, UNNAMED_OWNER } from './boardExport'
import { DEFAULT_LICENCE, LICENCES } from './licences'

const { full, notNamed } = exportPeople

describe('buildBoardExport', () => {
  it('starts from records the schema accepts', () => {
    for (const record of exportSource().records)
      expect(() => validateWithSchema(record)).not.toThrow()
  })

  it('credits each contributor the way they chose, by role in the order of ROLES', () => {
    const model = buildBoardExport(exportSource())
    expect(model.credits).toEqual([
      { role: 'lived-experience', label: 'Lived experience', names: ['Alex Morgan'], count: null },
      { role: 'carer', label: 'Carer or family', names: ['Bea'], count: null },
      {
        role: 'practitioner',
        label: 'Practitioner',
        names: ['A practitioner', 'Blue Heron'],
        count: null,
      },
    ])
  })

  it('gives a group’s size only from three people up', () => {
    const more = (key: string, name: string): PublishedPerson => ({
      ...exportPeople.full,
      id: `p_${key.padEnd(22, '0')}`,
      name,
    })
    const people = new Map(
      [full, more('ann', 'Ann Lee'), more('bo', 'Bo Chen'), notNamed].map((p) => [p.id, p]),
    )
    const [livedExperience] = buildBoardExport(exportSource({ people })).credits
    expect(livedExperience).toEqual({
      role: 'lived-experience',
      label: 'Lived experience',
      names: ['Alex Morgan', 'Ann Lee', 'Bo Chen'],
      count: 3,
    })
  })

  it('says who facilitated apart from the credits, never naming someone who chose not to be', () => {
    const model = buildBoardExport(exportSource())
    expect(model.facilitatedBy).toBe('Facilitated by Bea · Facilitator')
    expect(buildBoardExport(exportSource({ facilitators: [notNamed.id] })).facilitatedBy).toBeNull()
  })

  it('leaves out people who added nothing', () => {
    const names = buildBoardExport(exportSource()).credits.flatMap((group) => group.names)
    expect(names).not.toContain(exportPeople.quiet.name)
  })

  it('names authors as credited and never someone who chose not to be named', () => {
    const { authors } = buildBoardExport(exportSource())
    expect(authors.get('shape:gp')).toEqual({
      name: 'Alex Morgan',
      role: 'Lived experience',
      writtenDownBy: null,
    })
    expect(authors.get('shape:front-door')).toEqual({
      name: 'Blue Heron',
      role: 'Practitioner',
      writtenDownBy: 'Bea',
    })
    expect(authors.get('shape:write')).toEqual({
      name: 'A practitioner',
      role: null,
      writtenDownBy: null,
    })
    // Added by the person not named: no author at all. Written down by them: no scribe.
    expect(authors.has('shape:phones')).toBe(false)
    expect(authors.has('shape:gp-housing')).toBe(false)
    expect(authors.get('shape:housing')?.writtenDownBy).toBeNull()
  })

  it('says an action of someone not named is someone’s, without naming them', () => {
    const { outline } = buildBoardExport(exportSource())
    expect(outline.actions.map((action) => action.who)).toEqual([UNNAMED_OWNER])
  })

  it('holds no trace of a not-named person’s name, even one a client wrote into the records', () => {
    const model = buildBoardExport(exportSource())
    const text = JSON.stringify({ ...model, authors: [...model.authors] })
    expect(text).not.toContain(HIDDEN_NAME)
    expect(text).not.toContain('Zebedee')
    expect(text).not.toContain(NOT_NAMED)
  })

  it('carries the licence with who chose it, as credited', () => {
    const { licence } = buildBoardExport(exportSource())
    expect(licence).toEqual({
      ...LICENCES['cc-by-sa-4.0'],
      setBy: 'Bea · Carer or family',
      setAt: 1_700_000_100_000,
    })
    const byNotNamed = buildBoardExport(
      exportSource({ licence: { id: 'cc0-1.0', setBy: notNamed.id, setAt: 5 } }),
    )
    expect(byNotNamed.licence.setBy).toBeNull()
    const unset = buildBoardExport(
      exportSource({ licence: { id: DEFAULT_LICENCE, setBy: null, setAt: null } }),
    )
    expect(unset.licence).toMatchObject({ id: 'cc-by-4.0', setBy: null, setAt: null })
  })

  it('lists the board’s frames in their order on the page', () => {
    const source = exportSource()
    const frame = source.records.find((r) => r.id === 'shape:template-map') as TLFrameShape
    const unnamed: TLFrameShape = {
      ...frame,
      id: 'shape:template-purpose' as TLFrameShape['id'],
      index: 'a0' as TLFrameShape['index'],
      props: { ...frame.props, name: ' ' },
    }
    const model = buildBoardExport({ ...source, records: [...source.records, unnamed] })
    expect(model.frames).toEqual([
      { id: 'shape:template-purpose', name: 'An area with no name' },
      { id: 'shape:template-map', name: '4. The map' },
    ])
    expect(model.title).toBe('Getting help with housing')
    expect(model.exportedAt).toBe(source.now)
  })
})
