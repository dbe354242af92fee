import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordStore } from '../../shared/docLayout'
import { commonmapSchema } from '../../shared/schema'
import { openSqliteStorage } from '../storage/openSqliteStorage'
import { sqliteExportSource } from './sqliteExportSource'

const board = { id: 'board-aaaaaaaaaaaaaaaaaa', title: 'Housing', createdAt: 1_700_000_000_000 }

describe('sqliteExportSource', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('reads, through a read-only connection of its own, everything the writer committed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'commonmap-export-source-'))
    dirs.push(dir)
    const file = join(dir, 'commonmap.sqlite')
    const storage = openSqliteStorage({ file })
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    await storage.repository.createBoard({
      info: board,
      initialState: Y.encodeStateAsUpdate(doc),
      schema: commonmapSchema.serialize(),
    })
    const source = sqliteExportSource(file)
    expect(await source.repository.getBoard(board.id)).toEqual(board)

    // Committed after the reader opened: a later read sees it.
    getRecordStore(doc).set('shape:a', { id: 'shape:a', x: 1 } as never)
    for (const update of updates) storage.log.append(board.id, { update })
    const stored = await source.log.load(board.id)
    expect(stored?.updates.map((update) => [...update])).toEqual(updates.map((u) => [...u]))
    expect(stored?.schema).toEqual(commonmapSchema.serialize())
    expect(await source.log.load('board-unknownunknownunkn')).toBeUndefined()

    // It reads, and only reads.
    await expect(
      source.repository.setLicence(board.id, { id: 'cc-by-4.0', setBy: 'p_x', setAt: 1 }),
    ).rejects.toThrow(/readonly/)
    await storage.close()
  })
})
