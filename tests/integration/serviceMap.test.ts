import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { LedgerEntry } from '../../shared/ledger'
import { mapOutline } from '../../shared/mapOutline'
import { CURRENT_KEY } from '../../shared/serverState'
import { SESSION_AREAS, templateShapeId } from '../../shared/sessionAreas'
import { createBoard, createBoardWith, person } from '../helpers/createBoard'
import { validateWithSchema } from '../helpers/mapRecords'
import { everyKindOfMapRecord } from '../helpers/serviceMapRecords'
import { waitFor } from '../helpers/waitFor'
import { serverForSuite } from '../helpers/serverForSuite'

describe('service maps on a real server', () => {
  const suite = serverForSuite()

  const connect = async (boardId: string) => {
    return suite.connect(boardId)
  }

  it('carries a board with every kind of map shape to another client unchanged, and keeps it across a restart', async () => {
    const boardId = await createBoard(suite.server.url)
    const writer = await connect(boardId)
    const reader = await connect(boardId)
    const map = everyKindOfMapRecord()
    for (const record of map) validateWithSchema(record)

    writer.doc.transact(() => {
      for (const record of map) writer.records.set(record.id, record)
    })

    const expected = writer.snapshot()
    await waitFor(() => map.every((record) => reader.records.has(record.id)), {
      what: 'the map to reach the other client',
    })
    expect(reader.snapshot()).toEqual(expected)
    const outline = mapOutline(Object.values(reader.snapshot()) as TLRecord[])
    expect(outline.routes).toHaveLength(4)
    expect(outline.gaps).toHaveLength(1)

    suite.closeClients()
    expect(await suite.server.kill('SIGTERM')).toEqual({ code: 0, signal: null })
    await suite.server.restart()
    const later = await connect(boardId)
    expect(later.snapshot()).toEqual(expected)
  })

  it('lays out a co-design session when the board is created, recorded as laid out by whoever chose it and counted as nobody’s contribution', async () => {
    const board = await createBoardWith(suite.server.url, {
      title: 'Getting help with housing',
      template: 'co-design',
      creator: person('Sam', 'facilitator'),
    })
    const sam = board.creator!.participant
    const client = await connect(board.id)
    const records = Object.values(client.snapshot()) as TLRecord[]
    for (const area of SESSION_AREAS) {
      const frame = client.records.get(templateShapeId(area.key))
      expect(frame).toMatchObject({ type: 'frame', props: { name: area.name } })
      const prompt = client.records.get(templateShapeId(`${area.key}-prompt`))
      expect(JSON.stringify(prompt)).toContain(JSON.stringify(area.prompt).slice(1, -1))
    }
    for (const record of records) {
      validateWithSchema(record)
      if (record.typeName === 'shape') expect(record.meta).toMatchObject({ createdBy: sam.id })
    }
    await waitFor(() => client.state.get('attribution').has(templateShapeId('map')), {
      what: 'the template to be credited',
    })
    expect(client.state.get('people').get(sam.id)).toMatchObject({
      name: 'Sam',
      role: 'facilitator',
    })
    for (const area of SESSION_AREAS) {
      expect(client.state.get('attribution').get(templateShapeId(area.key))).toMatchObject({
        addedBy: sam.id,
      })
    }
    // The ledger records who laid the session out…
    const response = await fetch(`${suite.server.url}/api/boards/${board.id}/ledger`, {
      headers: { Authorization: `Bearer ${board.creator!.token}` },
    })
    const { entries } = (await response.json()) as { entries: LedgerEntry[] }
    const frameEntries = entries.filter((entry) => entry.recordType === 'frame')
    expect(frameEntries).toHaveLength(SESSION_AREAS.length)
    expect(frameEntries.every((e) => e.action === 'created' && e.participantId === sam.id)).toBe(
      true,
    )
    // …but the template is nobody's voice: Sam has contributed nothing yet.
    expect(client.state.get('contributions').get(sam.id) ?? 0).toBe(0)
    expect(client.state.get('voiceBalance').get(CURRENT_KEY)).toMatchObject({ contributions: 0 })
  })

  it('never duplicates the frames when two people start boards at the same moment', async () => {
    const boards = await Promise.all(
      [person('Sam'), person('Priya', 'practitioner')].map((creator) =>
        createBoardWith(suite.server.url, {
          title: 'Same workshop',
          template: 'co-design',
          creator,
        }),
      ),
    )
    expect(new Set(boards.map((board) => board.id)).size).toBe(2)
    for (const board of boards) {
      const client = await connect(board.id)
      const frames = Object.values(client.snapshot()).filter(
        (record) =>
          (record as TLRecord).typeName === 'shape' &&
          (record as { type: string }).type === 'frame',
      ) as TLRecord[]
      expect(frames).toHaveLength(SESSION_AREAS.length)
      expect(
        frames.every(
          (frame) =>
            frame.typeName === 'shape' && frame.meta.createdBy === board.creator!.participant.id,
        ),
      ).toBe(true)
    }
  })
})
