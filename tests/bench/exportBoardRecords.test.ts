import { describe, expect, it } from 'vitest'
import { validateWithSchema } from '../helpers/mapRecords'
import { exportBoardRecords } from './exportBoardRecords'

describe('exportBoardRecords', () => {
  it('makes as many shapes as asked, of every kind, each valid for the schema', () => {
    const records = exportBoardRecords(1000)
    expect(records.filter((record) => record.typeName === 'shape')).toHaveLength(1000)
    for (const record of records) expect(() => validateWithSchema(record)).not.toThrow()
    const types = new Set(records.map((record) => ('type' in record ? record.type : '')))
    expect([...types].sort()).toEqual(
      ['action', 'note', 'person', 'purpose-note', 'route', 'route-end', 'service'].sort(),
    )
  })
})
