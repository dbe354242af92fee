import type { TLArrowBinding, TLArrowShape, TLGeoShape, TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { everyKindExportSource } from '../../tests/helpers/exportSource'
import { buildBoardExport } from './boardExport'
import { mapInTldrawShapes } from './mapInTldrawShapes'
import { plainTextOf } from './plainTextOf'

const source = everyKindExportSource()
const convert = (records: readonly TLRecord[]) =>
  mapInTldrawShapes(records, buildBoardExport({ ...source, records }).outline)
const records = convert(source.records)
const shape = <S extends TLShape>(name: string) =>
  records.find((record) => record.id === `shape:${name}`) as S
const words = (name: string) => plainTextOf(shape<TLGeoShape>(name).props.richText)

describe('mapInTldrawShapes', () => {
  it('says what kind of card each is, in bold, then its words as the list and reports do', () => {
    expect(words('gp')).toBe(
      'Service · Health\nPark Road GP\nRun by NHS\nFor Anyone registered\nSelf-referral',
    )
    expect(words('dad')).toBe(
      'Someone like me\nSingle dad, just lost his job\nNeeds: Somewhere to live\nWants: To stay near the school',
    )
    expect(words('barrier')).toBe('Barrier\nPhone lines only open at 8am')
    expect(words('write')).toBe(
      'Action · In progress\nWrite to the council about local connection\nWho: The housing manager · By: 1 June 2026',
    )
    // An action owned by someone who chose not to be named says only that someone owns it.
    expect(words('ring-crisis')).toContain('\nWho: Someone · By: no date yet')
    const [heading] = shape<TLGeoShape>('gp').props.richText.content as {
      content: { marks?: { type: string }[] }[]
    }[]
    expect(heading!.content[0]!.marks).toEqual([{ type: 'bold' }])
  })

  it('keeps each card’s id, place and stacking, and none of its meta', () => {
    for (const record of source.records) {
      if (record.typeName !== 'shape' || !['service', 'person', 'action'].includes(record.type))
        continue
      expect(shape(record.id.slice('shape:'.length)), record.id).toMatchObject({
        type: 'geo',
        parentId: record.parentId,
        x: record.x,
        y: record.y,
        index: record.index,
        meta: {},
      })
    }
    expect(shape<TLGeoShape>('gp').props).toMatchObject({ w: 300, h: 190, growY: 0 })
  })

  it('tells kinds of card apart by their outline as well as their colour', () => {
    const look = (name: string) => {
      const card = shape<TLShape>(name)
      return card.type === 'geo'
        ? `${(card as TLGeoShape).props.geo} ${(card as TLGeoShape).props.dash}`
        : card.type
    }
    expect(look('gp')).toBe('rectangle solid')
    expect(look('dad')).toBe('oval solid')
    expect(look('ask')).toBe('rectangle dashed')
    expect(look('barrier')).toBe('note')
    expect(shape<TLGeoShape>('housing').props.color).not.toBe(shape<TLGeoShape>('gp').props.color)
  })

  it('makes a card taller when its words need the room, as the canvas does', () => {
    const long = 'Mornings only, and only if you bring proof of address and two letters. '.repeat(4)
    const board = source.records.map((record) =>
      record.typeName === 'shape' && record.type === 'service' && record.id === 'shape:housing'
        ? { ...record, props: { ...record.props, notes: long } }
        : record,
    )
    const housing = convert(board).find((record) => record.id === 'shape:housing') as TLGeoShape
    expect(housing.props.h).toBe(190)
    // Some sixteen lines of 18px text at tldraw's line height, with its padding, need ~420px.
    expect(housing.props.growY).toBeGreaterThan(200)
  })

  it('makes each route an arrow bound to its two cards, labelled with its kind and note', () => {
    const bindingsOf = (name: string) =>
      records.filter(
        (r): r is TLArrowBinding => r.typeName === 'binding' && r.fromId === `shape:${name}`,
      )
    const ends = (name: string) =>
      Object.fromEntries(bindingsOf(name).map((b) => [b.props.terminal, b.toId]))
    expect(ends('gp-housing')).toEqual({ start: 'shape:gp', end: 'shape:housing' })
    expect(ends('housing-dad')).toEqual({ start: 'shape:housing', end: 'shape:dad' })
    for (const name of ['dad-gp', 'gp-housing', 'housing-food', 'housing-dad', 'gp-crisis']) {
      expect(shape(name).type).toBe('arrow')
      expect(bindingsOf(name).map((b) => b.type)).toEqual(['arrow', 'arrow'])
    }
    const referral = shape<TLArrowShape>('gp-housing')
    expect(plainTextOf(referral.props.richText)).toBe('Referral\n6 week wait')
    const gap = shape<TLArrowShape>('gp-crisis')
    expect(plainTextOf(gap.props.richText)).toBe('Gap: no route here')
    expect(gap.props).toMatchObject({
      dash: 'dashed',
      arrowheadStart: 'none',
      arrowheadEnd: 'none',
    })
    const dashes = ['dad-gp', 'gp-housing', 'housing-food', 'housing-dad', 'gp-crisis'].map(
      (name) => `${shape<TLArrowShape>(name).props.dash} ${shape<TLArrowShape>(name).props.size}`,
    )
    expect(new Set(dashes).size).toBe(5)
  })

  it('leaves out a route that does not join two cards, with its binding', () => {
    const halfMade = source.records.filter((record) => record.id !== 'binding:gp-crisis-end')
    const converted = convert(halfMade).map((record) => record.id)
    expect(converted).not.toContain('shape:gp-crisis')
    expect(converted).not.toContain('binding:gp-crisis-start')
    expect(converted).toContain('shape:gp-housing')
  })
})
