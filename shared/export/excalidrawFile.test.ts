// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest'
import { SESSION_AREAS, templateShapeId } from '../sessionAreas'
import { everyKindExportSource, PRIVATE_WORDS } from '../../tests/helpers/exportSource'
import {
  loadExcalidrawFile,
  type LoadedExcalidrawScene,
} from '../../tests/helpers/excalidrawLoader'
import { commonmapSchema } from '../schema'
import { buildBoardExport } from './boardExport'
import { excalidrawFile, type ExcalidrawElement, type ExcalidrawScene } from './excalidrawFile'

const source = everyKindExportSource()
const file = excalidrawFile(source, commonmapSchema.serialize())
const written = JSON.parse(file) as ExcalidrawScene
let loaded: LoadedExcalidrawScene
beforeAll(async () => {
  loaded = await loadExcalidrawFile(file)
})

const element = (id: string) => {
  const found = loaded.elements.find((e) => e.id === id)
  if (!found) throw new Error(`No element ${id}`)
  return found
}
/** The words in a card, as written before Excalidraw wrapped them. */
const wordsIn = (id: string) => {
  const text = element(id).boundElements?.find((bound) => bound.type === 'text')
  return text ? (element(text.id).originalText as string) : undefined
}

/** What Excalidraw's loader would change if the file were not already as it makes files. */
const STRUCTURE = [
  'id',
  'type',
  'x',
  'y',
  'width',
  'height',
  'angle',
  'text',
  'originalText',
  'containerId',
  'boundElements',
  'startBinding',
  'endBinding',
  'points',
  'frameId',
  'name',
] as const
const structureOf = (e: ExcalidrawElement) =>
  Object.fromEntries(
    STRUCTURE.filter((key) => key in e).map((key) => [
      key,
      key === 'boundElements' ? (e[key] ?? []) : e[key],
    ]),
  )

describe('excalidrawFile', () => {
  it('is an Excalidraw scene that Excalidraw’s own loader opens without repairing anything', () => {
    expect(written).toMatchObject({ type: 'excalidraw', version: 2, files: {} })
    expect(loaded.elements.map(structureOf)).toEqual(written.elements.map(structureOf))
    expect(loaded.elements.filter((e) => e.isDeleted)).toEqual([])
  })

  it('keeps every card’s words, in the card, with what kind of card it is first', () => {
    const { outline } = buildBoardExport(source)
    const cards = [
      ...outline.serviceGroups.flatMap((group) => group.services),
      ...outline.people,
      ...outline.notes.flatMap((group) => group.notes),
      ...outline.actions,
    ]
    expect(cards).toHaveLength(13)
    for (const card of cards) {
      const said = 'name' in card ? card.name : 'text' in card ? card.text : card.what
      expect(wordsIn(card.id.replace('shape:', '')), card.id).toContain(said)
    }
    expect(wordsIn('gp')).toBe(
      'Service · Health\nPark Road GP\nRun by NHS\nFor Anyone registered\nSelf-referral',
    )
    expect(wordsIn('ring-crisis')).toContain('Who: Someone ·')
    // Wrapped to fit the card, and the card tall enough for it.
    const gpText = element(element('gp').boundElements!.find((b) => b.type === 'text')!.id)
    expect(gpText.width).toBeLessThanOrEqual(element('gp').width - 10)
    expect(gpText.y + gpText.height).toBeLessThanOrEqual(element('gp').y + element('gp').height)
  })

  it('tells kinds of card apart by shape and line as well as colour', () => {
    const look = (id: string) => `${element(id).type} ${element(id).strokeStyle}`
    expect(look('gp')).toBe('rectangle solid')
    expect(look('dad')).toBe('ellipse solid')
    expect(look('ask')).toBe('rectangle dashed')
    expect(element('barrier').strokeWidth).toBe(1)
    expect(element('gp').backgroundColor).not.toBe(element('housing').backgroundColor)
  })

  it('makes each route an arrow bound to its two cards, both ways, labelled with its kind', () => {
    const arrow = element('gp-housing')
    expect(arrow.type).toBe('arrow')
    expect(arrow.startBinding).toMatchObject({ elementId: 'gp' })
    expect(arrow.endBinding).toMatchObject({ elementId: 'housing' })
    expect(element('gp').boundElements).toContainEqual({ id: 'gp-housing', type: 'arrow' })
    expect(element('housing').boundElements).toContainEqual({ id: 'gp-housing', type: 'arrow' })
    expect(wordsIn('gp-housing')).toBe('Referral\n6 week wait')
    const gap = element('gp-crisis')
    expect(wordsIn('gp-crisis')).toBe('Gap: no route here')
    expect(gap).toMatchObject({ strokeStyle: 'dashed', startArrowhead: null, endArrowhead: null })
    expect(element('housing-dad')).toMatchObject({
      startArrowhead: 'arrow',
      endArrowhead: 'arrow',
      roughness: 2,
    })
    const lines = ['dad-gp', 'gp-housing', 'housing-food', 'housing-dad', 'gp-crisis'].map((id) =>
      [element(id).strokeStyle, element(id).strokeWidth, element(id).roughness].join(' '),
    )
    expect(new Set(lines).size).toBe(5)
  })

  it('keeps a route between two cards on top of each other, until someone moves them apart', async () => {
    const piled = source.records.map((record) =>
      record.id === 'shape:housing' ? { ...record, x: 60, y: 150 } : record,
    )
    const { elements } = await loadExcalidrawFile(
      excalidrawFile({ ...source, records: piled }, commonmapSchema.serialize()),
    )
    const route = elements.find((e) => e.id === 'gp-housing')
    expect(route).toMatchObject({
      startBinding: { elementId: 'gp' },
      endBinding: { elementId: 'housing' },
    })
  })

  it('keeps the session’s areas as frames, with their prompts and cards in them', () => {
    for (const area of SESSION_AREAS) {
      const id = templateShapeId(area.key).replace('shape:', '')
      expect(element(id)).toMatchObject({ type: 'frame', name: area.name })
      expect(element(`${id}-prompt`)).toMatchObject({
        type: 'text',
        frameId: id,
        originalText: area.prompt,
      })
    }
    expect(element('gp').frameId).toBe('template-map')
    expect(element('gp-text').frameId).toBe('template-map')
    // Frames come first, so the cards are drawn over them.
    const firstCard = loaded.elements.findIndex((e) => e.type !== 'frame')
    expect(loaded.elements.slice(firstCard).some((e) => e.type === 'frame')).toBe(false)
    // Inside its frame, where Commonmap had it.
    const map = element('template-map')
    const [area] = SESSION_AREAS.filter((a) => a.key === 'map')
    expect(map).toMatchObject({ x: area!.x, y: area!.y })
    expect(element('gp')).toMatchObject({ x: area!.x + 60, y: area!.y + 150 })
  })

  it('says who made it, and under what licence, on the board', () => {
    expect(written.appState.name).toBe('Getting help with housing')
    const madeBy = element('made-on-commonmap')
    expect(madeBy.originalText).toContain('Lived experience: Alex Morgan')
    expect(madeBy.originalText).toContain('Practitioner: A practitioner, Blue Heron')
    expect(madeBy.originalText).toContain('Licence: Creative Commons Attribution-ShareAlike 4.0')
  })

  it('never holds the name, the id or the role of the person who chose not to be named', () => {
    for (const secret of PRIVATE_WORDS) {
      expect(file, secret).not.toContain(secret)
    }
  })

  it('is the same file every time the same board is exported', () => {
    expect(excalidrawFile(source, commonmapSchema.serialize())).toBe(file)
  })
})
