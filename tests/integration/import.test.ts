import type { TLRecord } from '@tldraw/tlschema'
import { strToU8, zipSync } from 'fflate'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiError, CreateBoardResponse, LedgerResponse } from '../../shared/api'
import { EMBEDDED_BOARD_META_KEY } from '../../shared/export/boardExport'
import { embedBoardInPng } from '../../shared/export/pngBoard'
import { embedBoardInSvg } from '../../shared/export/svgBoard'
import { serializeTldrFile } from '../../shared/export/tldrFile'
import { verifyLedger } from '../../shared/ledger'
import {
  boardFileJson,
  creditedAttributionOf,
  embeddedInfo,
  importBoardFile,
  ONE_PIXEL_PNG,
  ONE_PIXEL_PNG_DATA_URL,
  pictureAsset,
  SIMPLE_SVG,
} from '../helpers/boardFiles'
import { connectClient, type TestClient } from '../helpers/connectClient'
import { createBoardWith, person } from '../helpers/createBoard'
import { everyKindOfMapRecord } from '../helpers/serviceMapRecords'
import { withServerDatabase } from '../helpers/serverDatabase'
import { startServer, type TestServer } from '../helpers/startServer'
import { noteRecord } from '../helpers/records'
import { waitFor } from '../helpers/waitFor'

const MAX_IMPORT_BYTES = 512 * 1024
const EXPORTED_AT = Date.UTC(2026, 10, 3, 15)

describe('opening a board file as a new board, on a real server', () => {
  let server: TestServer
  const clients: TestClient[] = []
  /** The source board's file, as an export makes it, and what it should bring in. */
  let source: {
    json: string
    records: TLRecord[]
    credits: ReturnType<typeof creditedAttributionOf>
    boardId: string
  }

  beforeAll(async () => {
    server = await startServer({ env: { MAX_IMPORT_BYTES: String(MAX_IMPORT_BYTES) } })
    // A real board: Sam lays out a map with every kind of shape, the server credits it.
    const board = await createBoardWith(server.url, {
      title: 'Housing in Leeds',
      creator: person('Sam', 'lived-experience', { credit: 'first-name' }),
    })
    const sam = await connect(board.id, board.creator!.token!)
    const map = everyKindOfMapRecord()
    sam.doc.transact(() => {
      for (const record of map) sam.records.set(record.id, record)
    })
    const credits = await waitFor(() => {
      const credited = creditedAttributionOf(sam)
      return map.every((r) => r.typeName !== 'shape' || credited[r.id]) ? credited : undefined
    })
    const records = [...sam.records.map.values()].map((entry) => entry.val)
    const info = embeddedInfo('Housing in Leeds', EXPORTED_AT, credits)
    source = { json: boardFileJson(records, info), records, credits, boardId: board.id }
  })
  afterAll(async () => {
    for (const client of clients) client.close()
    await server.stop()
  })

  async function connect(boardId: string, token: string) {
    const client = await connectClient(server.url, boardId, { token })
    clients.push(client)
    return client
  }

  /** Imports `bytes` as Priya; the new board's response and a client connected as her. */
  async function importAsPriya(bytes: Uint8Array | string) {
    const res = await importBoardFile(server.url, bytes, person('Priya', 'practitioner'))
    expect(res.status, await res.clone().text()).toBe(201)
    const board = (await res.json()) as CreateBoardResponse
    const priya = await connect(board.id, board.creator!.token!)
    return { board, priya }
  }

  /** The records a board should show after import: everything but the old board's people. */
  const withoutPeople = (records: readonly TLRecord[]) =>
    Object.fromEntries(
      records
        .filter((r) => r.typeName !== 'user')
        // The document's Commonmap information moves to the imported root.
        .map((r) => (r.typeName === 'document' ? { ...r, meta: {} } : r))
        .map((r) => [r.id, r]),
    )

  it.each([
    ['a .tldr', () => strToU8(source.json)],
    ['a PNG with the board inside', () => embedBoardInPng(ONE_PIXEL_PNG, source.json)],
    ['an SVG with the board inside', () => embedBoardInSvg(SIMPLE_SVG, source.json)],
    [
      'a bundle',
      () =>
        zipSync({
          'board.tldr': strToU8(source.json),
          'credits.txt': strToU8('Sam · Lived experience'),
          'board.png': ONE_PIXEL_PNG,
        }),
    ],
  ])('makes a new board with the same shapes and their credits from %s', async (_, file) => {
    const { board, priya } = await importAsPriya(file())
    expect(board.title).toBe('Housing in Leeds')
    expect(priya.snapshot()).toEqual(withoutPeople(source.records))

    // Who the old board credited, and where each shape came from.
    const imported = Object.fromEntries(priya.state.get('imported'))
    const shapeIds = source.records.filter((r) => r.typeName === 'shape').map((r) => r.id)
    expect(Object.keys(imported).sort()).toEqual([...shapeIds].sort())
    for (const id of shapeIds) {
      expect(imported[id]).toEqual({
        from: 'Housing in Leeds',
        exportedAt: EXPORTED_AT,
        importedAt: board.createdAt,
        author: { name: 'Sam', role: 'Lived experience', addedAt: source.credits[id]!.addedAt },
      })
    }

    // The ledger credits Priya with bringing every record in, on an unbroken chain.
    const ledger = await fetch(`${server.url}/api/boards/${board.id}/ledger`, {
      headers: { Authorization: `Bearer ${board.creator!.token}` },
    })
    const { entries } = (await ledger.json()) as LedgerResponse
    expect(verifyLedger(entries)).toMatchObject({ ok: true })
    const recorded = source.records.filter((r) => ['shape', 'page', 'binding'].includes(r.typeName))
    expect(entries.map((e) => e.recordId).sort()).toEqual(recorded.map((r) => r.id).sort())
    expect(new Set(entries.map((e) => `${e.participantId} ${e.action}`))).toEqual(
      new Set([`${board.creator!.participant.id} created`]),
    )
  })

  it('opens the .tldr that Commonmap’s own export makes, with the same shapes and credits', async () => {
    const exported = await fetch(`${server.url}/api/boards/${source.boardId}/export/tldr`)
    expect(exported.status).toBe(200)
    const { board, priya } = await importAsPriya(new Uint8Array(await exported.arrayBuffer()))
    expect(board.title).toBe('Housing in Leeds')
    expect(priya.snapshot()).toEqual(withoutPeople(source.records))
    const imported = Object.fromEntries(priya.state.get('imported'))
    for (const [shapeId, credit] of Object.entries(source.credits)) {
      expect(imported[shapeId]).toMatchObject({ from: 'Housing in Leeds', author: credit })
    }
  })

  it('keeps where imported shapes came from across a restart', async () => {
    const { board } = await importAsPriya(strToU8(source.json))
    await server.kill('SIGTERM')
    await server.restart()
    const again = await connect(board.id, board.creator!.token!)
    const [shapeId] = Object.keys(source.credits)
    expect(again.state.get('imported').get(shapeId!)).toMatchObject({
      from: 'Housing in Leeds',
      author: { name: 'Sam' },
    })
  })

  it('keeps a client’s write to where shapes came from out of the board: nobody else ever sees it', async () => {
    const { board, priya } = await importAsPriya(strToU8(source.json))
    const joined = await fetch(`${server.url}/api/boards/${board.id}/participants`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(person('Mallory', 'other', { roleOther: 'Visitor' })),
    })
    const mallory = await connect(board.id, ((await joined.json()) as { token: string }).token)
    const truth = Object.fromEntries(priya.state.get('imported'))
    const [shapeId] = Object.keys(source.credits)
    const seen: unknown[] = []
    priya.doc.on('afterTransaction', () => seen.push(priya.doc.getMap('imported').toJSON()))
    mallory.doc.transact(() => {
      mallory.doc.getMap('imported').set(shapeId!, {
        ...truth[shapeId!],
        author: { name: 'Mallory', role: null, addedAt: null },
      })
      mallory.records.set('shape:marker', noteRecord('shape:marker', 'Sent with the forgery'))
    })
    await waitFor(() => priya.records.has('shape:marker'))
    await waitFor(() => mallory.doc.getMap('imported').size === 0)
    expect(Object.fromEntries(mallory.state.get('imported'))).toEqual(truth)
    expect(Object.fromEntries(priya.state.get('imported'))).toEqual(truth)
    expect(seen.filter((value) => JSON.stringify(value).includes('Mallory'))).toEqual([])
  })

  it('refuses a record no client accepts, so the board’s own .tldr always opens again', async () => {
    const board = await createBoardWith(server.url, {
      title: 'Checked',
      creator: person('Priya', 'practitioner'),
    })
    const priya = await connect(board.id, board.creator!.token!)
    priya.doc.transact(() => {
      priya.records.set('shape:kept', noteRecord('shape:kept', 'Kept'))
      priya.records.set('shape:junk', {
        ...(noteRecord('shape:junk', 'Junk') as object),
        props: 1,
      } as never)
      priya.records.set('instance:instance', {
        id: 'instance:instance',
        typeName: 'instance',
      } as never)
    })
    await waitFor(() => priya.notices.length > 0 && !priya.records.has('shape:junk'))
    expect(priya.notices[0]?.code).toBe('record-refused')
    const exported = await fetch(`${server.url}/api/boards/${board.id}/export/tldr`)
    const file = await exported.text()
    expect(file).toContain('shape:kept')
    expect(file).not.toContain('shape:junk')
    const again = await importBoardFile(server.url, strToU8(file), person('Priya', 'practitioner'))
    expect(again.status).toBe(201)
  })

  it('stores pictures the file carries like uploads, never as text in the board', async () => {
    const photo = pictureAsset(ONE_PIXEL_PNG_DATA_URL)
    const json = boardFileJson([...source.records, photo], embeddedInfo('With a photo', 1, {}))
    const { board, priya } = await importAsPriya(json)
    const stored = priya.records.get('asset:photo') as { props: { src: string } }
    expect(stored.props.src).toMatch(
      new RegExp(`^/api/boards/${board.id}/assets/[0-9a-f]{64}\\.png$`),
    )
    const picture = await fetch(server.url + stored.props.src)
    expect(picture.status).toBe(200)
    expect(new Uint8Array(await picture.arrayBuffer())).toEqual(ONE_PIXEL_PNG)
  })

  describe('a damaged or foreign file', () => {
    /** What a failed import must not change: every table a board lives in, and the pictures. */
    const everythingStored = () =>
      withServerDatabase(server, async (db) => {
        const count = async (table: string) =>
          (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n
        return {
          boards: (await db.query<{ id: string }>('SELECT id FROM boards ORDER BY id')).map(
            (row) => row.id,
          ),
          snapshots: await count('snapshots'),
          participants: await count('participants'),
          ledger: await count('ledger'),
          importedShapes: await count('imported_shapes'),
          pictureBoards:
            db.kind === 'postgres'
              ? (
                  await db.query<{ board_id: string }>(
                    'SELECT DISTINCT board_id FROM assets ORDER BY board_id',
                  )
                ).map((row) => row.board_id)
              : existsSync(join(server.dataDir, 'assets'))
                ? readdirSync(join(server.dataDir, 'assets')).sort()
                : [],
        }
      })

    const picture = (src: string) =>
      boardFileJson([...source.records, pictureAsset(src)], embeddedInfo('Pictures', 1, {}))
    const recordsWith = (change: (record: TLRecord) => TLRecord) =>
      serializeTldrFile(JSON.parse(source.json).records.map(change), JSON.parse(source.json).schema)
    const newerSchema = () => {
      const file = JSON.parse(source.json)
      file.schema.sequences['com.tldraw.shape.note'] = 999
      return JSON.stringify(file)
    }

    it.each<[string, () => Uint8Array | string, number, RegExp]>([
      [
        'random bytes',
        () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251),
        422,
        /not a board/,
      ],
      ['a PNG without a board', () => ONE_PIXEL_PNG, 422, /picture has no board inside it/],
      [
        'a truncated bundle',
        () => zipSync({ 'board.tldr': strToU8(source.json) }).subarray(0, 300),
        422,
        /bundle is damaged or incomplete/,
      ],
      [
        'a .tldr with an invalid record',
        () =>
          recordsWith((r) => (r.typeName === 'shape' ? ({ ...r, rotation: 'a lot' } as never) : r)),
        422,
        /Part of this board is damaged/,
      ],
      ['a .tldr from a newer schema', newerSchema, 422, /newer version/],
      [
        'a .tldr whose credits are damaged',
        () =>
          recordsWith((r) =>
            r.typeName === 'document'
              ? { ...r, meta: { [EMBEDDED_BOARD_META_KEY]: { format: 'commonmap-board' } } }
              : r,
          ),
        422,
        /credits in this file are damaged/,
      ],
      [
        'a board with an SVG picture inside',
        () => picture('data:image/svg+xml;base64,PHN2Zy8+'),
        422,
        /only PNG, JPEG, GIF and WebP/,
      ],
      [
        'an oversized file',
        () => new Uint8Array(MAX_IMPORT_BYTES + 1).fill(32),
        413,
        /too big: board files can be up to 512 KB/,
      ],
    ])(
      'refuses %s, says why plainly, and leaves nothing behind',
      async (_, file, status, message) => {
        const before = await everythingStored()
        const res = await importBoardFile(server.url, file(), person('Priya', 'practitioner'))
        expect(res.status).toBe(status)
        expect(((await res.json()) as ApiError).error).toMatch(message)
        expect(await everythingStored()).toEqual(before)
      },
    )

    it('refuses an import without a person opening it', async () => {
      const before = await everythingStored()
      const res = await fetch(`${server.url}/api/boards/import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: source.json,
      })
      expect(res.status).toBe(400)
      expect(((await res.json()) as ApiError).error).toMatch(/who is opening the file/)
      expect(await everythingStored()).toEqual(before)
    })
  })
})
