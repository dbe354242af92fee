import {
  defaultShapeSchemas,
  type TLArrowBinding,
  type TLArrowShape,
  type TLBindingId,
  type TLDocument,
  type TLGeoShape,
  type TLNoteShape,
  type TLRecord,
  type TLShape,
  type TLShapeId,
  type TLTextShape,
} from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { commonmapSchema } from '../schema'
import { SESSION_AREAS, templateShapeId } from '../sessionAreas'
import { everyKindExportSource, PRIVATE_WORDS } from '../../tests/helpers/exportSource'
import { shapeRecord } from '../../tests/helpers/mapRecords'
import { openInTldraw } from '../../tests/helpers/openInTldraw'
import { buildBoardExport } from './boardExport'
import { madeByText } from './madeBy'
import { plainTextOf } from './plainTextOf'
import { PLAIN_BOARD_META_KEY, plainTldrawFile, type PlainBoardInfo } from './plainTldrawFile'

const source = everyKindExportSource()
const file = plainTldrawFile(source, commonmapSchema.serialize())
const records = openInTldraw(file)
const shape = <S extends TLShape>(name: string) =>
  records.find((record) => record.id === `shape:${name}`) as S
const words = (name: string) => plainTextOf(shape<TLGeoShape>(name).props.richText)

describe('plainTldrawFile', () => {
  it('opens with tldraw’s own file reader and default shapes, and holds nothing else', () => {
    const inFile = (JSON.parse(file) as { records: TLRecord[] }).records
    const types = new Set(inFile.map((record) => record.typeName))
    expect([...types].sort()).toEqual(['binding', 'document', 'page', 'shape'])
    for (const record of inFile) {
      if (record.typeName === 'shape')
        expect(Object.keys(defaultShapeSchemas)).toContain(record.type)
      if (record.typeName === 'binding') expect(record.type).toBe('arrow')
    }
  })

  it('finds every card’s words when tldraw opens it', () => {
    const model = buildBoardExport(source)
    const cards = [
      ...model.outline.serviceGroups.flatMap((group) => group.services),
      ...model.outline.people,
      ...model.outline.notes.flatMap((group) => group.notes),
      ...model.outline.actions,
    ]
    expect(cards).toHaveLength(13)
    for (const card of cards) {
      const text = plainTextOf((records.find((r) => r.id === card.id) as TLGeoShape).props.richText)
      const said = 'name' in card ? card.name : 'text' in card ? card.text : card.what
      expect(text, card.id).toContain(said)
    }
  })

  it('keeps every shape where it was, in the area it was in', () => {
    for (const record of source.records) {
      if (record.typeName !== 'shape') continue
      const exported = records.find((r) => r.id === record.id) as TLShape
      expect(exported, record.id).toMatchObject({
        parentId: record.parentId,
        x: record.x,
        y: record.y,
        index: record.index,
      })
    }
  })

  it('keeps the session’s areas as frames, with their prompts inside', () => {
    for (const area of SESSION_AREAS) {
      const frame = records.find((r) => r.id === templateShapeId(area.key)) as TLShape
      expect(frame).toMatchObject({ type: 'frame', props: { name: area.name } })
      const prompt = records.find(
        (r) => r.id === templateShapeId(`${area.key}-prompt`),
      ) as TLTextShape
      expect(prompt.parentId).toBe(frame.id)
      expect(plainTextOf(prompt.props.richText)).toBe(area.prompt)
    }
    expect(shape<TLGeoShape>('gp').parentId).toBe(templateShapeId('map'))
  })

  it('says who made it, the licence and the title, in the document and on the board', () => {
    const document = records.find((r) => r.typeName === 'document') as TLDocument
    expect(document.name).toBe('Getting help with housing')
    const info = document.meta[PLAIN_BOARD_META_KEY] as unknown as PlainBoardInfo
    expect(info).toEqual({
      title: 'Getting help with housing',
      exportedAt: '2026-03-14T12:00:00.000Z',
      licence: {
        name: 'Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)',
        explanation: expect.stringContaining('share what they make on the same terms'),
        url: 'https://creativecommons.org/licenses/by-sa/4.0/',
        chosenBy: 'Bea · Carer or family',
      },
      madeBy: [
        { group: 'Lived experience', names: ['Alex Morgan'], people: null },
        { group: 'Carer or family', names: ['Bea'], people: null },
        { group: 'Practitioner', names: ['A practitioner', 'Blue Heron'], people: null },
      ],
    })
    const madeBy = shape<TLTextShape>('made-on-commonmap')
    expect(madeBy.parentId).toBe('page:page')
    expect(plainTextOf(madeBy.props.richText)).toBe(madeByText(buildBoardExport(source)))
    // Under everything else on the page, and drawn above it.
    const lowest = Math.max(
      ...records.flatMap((r) =>
        r.typeName === 'shape' && r.parentId === 'page:page' && r.id !== madeBy.id
          ? [r.y + ('h' in r.props ? (r.props.h as number) : 0)]
          : [],
      ),
    )
    expect(madeBy.y).toBeGreaterThan(lowest)
    const siblings = records.filter(
      (r): r is TLShape => r.typeName === 'shape' && r.parentId === 'page:page',
    )
    expect(siblings.every((s) => s.id === madeBy.id || s.index < madeBy.index)).toBe(true)
  })

  it('never holds the name, the id or the role of the person who chose not to be named', () => {
    for (const secret of PRIVATE_WORDS) {
      expect(file, secret).not.toContain(secret)
    }
    expect(words('ring-crisis')).toContain('Who: Someone ·')
    expect(records.some((r) => r.typeName === ('user' as never))).toBe(false)
    const agreement = shape<TLNoteShape>('template-agreement-1')
    expect(agreement.props.textLastEditedBy).toBeNull()
  })

  it('leaves out what hangs off a half-made route, which no tldraw app could draw', () => {
    const halfMade = source.records.filter((r) => r.id !== 'binding:gp-crisis-end')
    const onTheRoute = shapeRecord(
      'text',
      'on-the-route',
      {
        ...(source.records.find((r) => r.id === 'shape:template-map-prompt') as TLTextShape).props,
      },
      { parentId: 'shape:gp-crisis' as TLShapeId },
    )
    const pointing = shapeRecord('arrow', 'pointing', shape<TLArrowShape>('gp-housing').props)
    const toTheRoute = {
      ...(records.find((r) => r.id === 'binding:gp-housing-start') as TLArrowBinding),
      id: 'binding:pointing-end' as TLBindingId,
      fromId: pointing.id,
      toId: 'shape:gp-crisis' as TLShapeId,
    }
    const board = [...halfMade, onTheRoute, pointing, toTheRoute]
    const kept = openInTldraw(
      plainTldrawFile({ ...source, records: board }, commonmapSchema.serialize()),
    )
    const ids = kept.map((r) => r.id)
    expect(ids).not.toContain('shape:gp-crisis')
    expect(ids).not.toContain('shape:on-the-route')
    expect(ids).not.toContain('binding:pointing-end')
    expect(ids).toContain('shape:pointing')
  })
})
