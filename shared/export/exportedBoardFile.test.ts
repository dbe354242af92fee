import { DocumentRecordType, TLDOCUMENT_ID, type TLDocument } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportPeople, exportSource, HIDDEN_NAME } from '../../tests/helpers/exportSource'
import { NOT_NAMED } from '../credit'
import { commonmapSchema } from '../schema'
import { EMBEDDED_BOARD_META_KEY, type EmbeddedBoardInfo } from './boardExport'
import { exportedBoardFile } from './exportedBoardFile'
import { readTldrFile } from './tldrFile'

const schema = commonmapSchema.serialize()

function read(json: string) {
  const file = readTldrFile(json, commonmapSchema)
  if (!file.ok) throw new Error(file.error)
  const document = file.records.find((record) => record.id === TLDOCUMENT_ID) as TLDocument
  const names = new Map(
    file.records.flatMap((record) =>
      record.typeName === 'user' ? [[record.id.slice('user:'.length), record.name]] : [],
    ),
  )
  return {
    records: file.records,
    info: document.meta[EMBEDDED_BOARD_META_KEY] as unknown as EmbeddedBoardInfo,
    names,
  }
}

describe('exportedBoardFile', () => {
  it('is a tldraw file Commonmap reads back, with every record of the board', () => {
    const source = exportSource()
    const { records } = read(exportedBoardFile(source, schema))
    const ids = (list: readonly { id: string }[]) => list.map((r) => r.id).sort()
    expect(ids(records)).toEqual(ids([...source.records, { id: TLDOCUMENT_ID }]))
  })

  it('says what the board is, its licence and who added what, as credited', () => {
    const { info } = read(exportedBoardFile(exportSource(), schema))
    expect(info).toEqual({
      format: 'commonmap-board',
      version: 1,
      title: 'Getting help with housing',
      exportedAt: Date.UTC(2026, 2, 14, 12),
      licence: 'cc-by-sa-4.0',
      attribution: {
        'shape:gp': { name: 'Alex Morgan', role: 'Lived experience', addedAt: 1_700_000_000_000 },
        'shape:housing': {
          name: 'Alex Morgan',
          role: 'Lived experience',
          addedAt: 1_700_000_000_000,
        },
        'shape:front-door': {
          name: 'Blue Heron',
          role: 'Practitioner',
          addedAt: 1_700_000_000_000,
        },
        'shape:peer': { name: 'Bea', role: 'Carer or family', addedAt: 1_700_000_000_000 },
        'shape:write': { name: 'A practitioner', role: null, addedAt: 1_700_000_000_000 },
      },
    })
  })

  it('keeps the board’s own document record, adding to its meta', () => {
    const document = DocumentRecordType.create({
      id: TLDOCUMENT_ID,
      name: 'Housing',
      meta: { kept: true },
    })
    const source = exportSource()
    const { records } = read(
      exportedBoardFile({ ...source, records: [...source.records, document] }, schema),
    )
    const kept = records.find((record) => record.id === TLDOCUMENT_ID) as TLDocument
    expect(kept.name).toBe('Housing')
    expect(kept.meta.kept).toBe(true)
  })

  it('names tldraw’s users as credited, and nobody by a name they keep private', () => {
    const json = exportedBoardFile(exportSource(), schema)
    const { names } = read(json)
    expect(Object.fromEntries(names)).toEqual(
      Object.fromEntries(
        Object.values(exportPeople).map((person) => [
          person.id,
          person.credit === 'not-named' ? NOT_NAMED : person.name,
        ]),
      ),
    )
    expect(json).not.toContain(HIDDEN_NAME)
    expect(json).not.toContain('Zebedee')
  })

  it('never carries a name it cannot vouch for, in a user record for nobody on the board', () => {
    const source = exportSource()
    const stranger = {
      id: 'user:p_stranger00000000000000',
      typeName: 'user',
      name: 'A Private Name',
      color: '#000000',
      imageUrl: '',
      meta: {},
    } as const
    const json = exportedBoardFile(
      { ...source, records: [...source.records, stranger as never] },
      schema,
    )
    expect(json).not.toContain('A Private Name')
    expect(read(json).names.get('p_stranger00000000000000')).toBe(NOT_NAMED)
  })
})
