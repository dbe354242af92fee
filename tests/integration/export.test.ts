import { get, type IncomingHttpHeaders } from 'node:http'
import { gunzipSync } from 'node:zlib'
import Papa from 'papaparse'
import type { TLDocument, TLGeoShape, TLTextShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { ExportFormat, JoinResponse, LicenceResponse } from '../../shared/api'
import { NOT_NAMED } from '../../shared/credit'
import { CURRENT_KEY } from '../../shared/serverState'
import { EMBEDDED_BOARD_META_KEY, type EmbeddedBoardInfo } from '../../shared/export/boardExport'
import type { LedgerExport } from '../../shared/export/ledgerExport'
import { plainTextOf } from '../../shared/export/plainTextOf'
import { readTldrFile } from '../../shared/export/tldrFile'
import { commonmapSchema } from '../../shared/schema'
import { SESSION_AREAS, templateShapeId } from '../../shared/sessionAreas'
import type { TestClient } from '../helpers/connectClient'
import { createBoard, createBoardWith, joinBoard, person } from '../helpers/createBoard'
import { loadExcalidrawFile } from '../helpers/excalidrawLoader'
import { mapShapeRecord } from '../helpers/mapRecords'
import { openInTldraw } from '../helpers/openInTldraw'
import { cardWords, everyKindOfMapRecord, routeRecords } from '../helpers/serviceMapRecords'
import { noteRecord } from '../helpers/records'
import { waitFor } from '../helpers/waitFor'
import { serverForSuite } from '../helpers/serverForSuite'

/** The private name of the person who chose not to be named: it must appear in no export. */
const HIDDEN = 'Zebedee Quartermain'
/** What no export may hold: that name, and the private names behind how others are credited. */
const PRIVATE = [HIDDEN, 'Zebedee', 'Quartermain', 'Bea Okafor', 'Carys', 'Dev Patel']
const INJECTIONS = [
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '=HYPERLINK("http://x","y")',
  '+1',
  '-1',
  '@SUM(1)',
]

describe('exports of a board, against a real server', () => {
  const suite = serverForSuite()

  const connect = async (boardId: string, token: string | undefined) => {
    return suite.connect(boardId, { token: token ?? null })
  }
  const download = async (boardId: string, format: ExportFormat) => {
    const res = await fetch(`${suite.server.url}/api/boards/${boardId}/export/${format}`)
    const bytes = Buffer.from(await res.arrayBuffer())
    return { res, bytes, text: bytes.toString('utf8') }
  }
  const putLicence = (boardId: string, licence: unknown, token?: string) =>
    fetch(`${suite.server.url}/api/boards/${boardId}/licence`, {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/json',
        ...(token && { Authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({ licence }),
    })

  /**
   * Five people, one for each way of being credited, each adding to a co-design board: Alex a
   * service, Bea notes full of injection attempts, Blue Heron a service and a route, Dev a gap
   * and an action owned by the person not named, who adds a barrier and a route themselves.
   */
  async function workshop() {
    const created = await createBoardWith(suite.server.url, {
      title: 'Getting help with housing',
      template: 'co-design',
      creator: person('Alex Morgan', 'lived-experience'),
    })
    const boardId = created.id
    const join = (request: Parameters<typeof person>) =>
      joinBoard(suite.server.url, boardId, person(...request))
    const alex = created.creator as JoinResponse
    const bea = await join(['Bea Okafor', 'carer', { credit: 'first-name' }])
    const carys = await join([
      'Carys Lloyd',
      'practitioner',
      { credit: 'pseudonym', pseudonym: 'Blue Heron' },
    ])
    const dev = await join(['Dev Patel', 'practitioner', { credit: 'role-only' }])
    const zeb = await join([HIDDEN, 'lived-experience', { credit: 'not-named' }])
    const [a, b, c, d, z] = await Promise.all(
      [alex, bea, carys, dev, zeb].map((joined) => connect(boardId, joined.token)),
    )
    const add = (client: TestClient, ...records: ReturnType<typeof mapShapeRecord>[]) =>
      client.doc.transact(() => {
        for (const record of records) client.records.set(record.id, record)
      })
    const gp = mapShapeRecord('service', 'gp', { name: 'Park Road GP', kind: 'health' })
    const housing = mapShapeRecord('service', 'housing', {
      name: 'Housing Options',
      kind: 'housing',
    })
    add(a!, gp)
    add(
      b!,
      ...INJECTIONS.map((text, i) =>
        mapShapeRecord('purpose-note', `payload-${i}`, { purpose: 'question', text }),
      ),
    )
    add(c!, housing, ...(routeRecords('gp-housing', gp.id, housing.id, 'referral') as never[]))
    add(
      d!,
      ...(routeRecords('housing-gp', housing.id, gp.id, 'gap') as never[]),
      mapShapeRecord('action', 'write', {
        what: 'Write to the council',
        who: { type: 'participant', participantId: zeb.participant.id },
        due: '2026-06-01',
      }),
    )
    add(z!, mapShapeRecord('purpose-note', 'waits', { purpose: 'barrier', text: 'Long waits' }))
    // What tldraw does on their device: a user record with the name they typed.
    z!.records.set(`user:${zeb.participant.id}`, {
      id: `user:${zeb.participant.id}`,
      typeName: 'user',
      name: HIDDEN,
      color: '#000000',
      imageUrl: '',
      meta: {},
    } as never)
    // Storage holds everything once the ledger credits the last of it. Each try is a whole
    // export, so not back to back; and five people's additions can take a loaded machine (CI
    // beside other work) longer than the usual 20 s.
    await waitFor(
      async () => {
        const { text } = await download(boardId, 'ledger')
        const ledger = JSON.parse(text) as LedgerExport
        return ledger.entries.some((e) => e.recordId === 'shape:waits')
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the ledger to credit the last card added' },
    )
    return { boardId, alex, bea, carys, dev, zeb, clients: { a: a!, b: b!, d: d!, z: z! } }
  }

  it('credits each person in every export exactly as they chose, and never the person not named', async () => {
    const { boardId, bea, zeb } = await workshop()
    const files = Object.fromEntries(
      await Promise.all(
        (['tldr', 'csv', 'html', 'ledger'] as const).map(
          async (f) => [f, await download(boardId, f)] as const,
        ),
      ),
    )
    for (const [format, { res, bytes }] of Object.entries(files)) {
      expect(res.status, format).toBe(200)
      for (const secret of PRIVATE) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${format}`).toBe(false)
      }
    }

    const csv = files.csv!.text
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
      header: true,
    }).data
    const addedBy = (id: string) => rows.find((row) => row.Id === id)?.['Added by']
    expect(addedBy('shape:gp')).toBe('Alex Morgan')
    expect(addedBy('shape:payload-0')).toBe('Bea')
    expect(addedBy('shape:housing')).toBe('Blue Heron')
    expect(addedBy('shape:write')).toBe('A practitioner')
    expect(addedBy('shape:waits')).toBe('')
    expect(rows.find((row) => row.Id === 'shape:write')?.Details).toContain('Who: Someone ·')

    const html = files.html!.text
    for (const name of ['Alex Morgan', 'Bea', 'Blue Heron', 'A practitioner'])
      expect(html).toContain(`<li>${name}</li>`)
    expect(html).not.toContain(NOT_NAMED)

    const tldr = readTldrFile(files.tldr!.text, commonmapSchema)
    if (!tldr.ok) throw new Error(tldr.error)
    const userName = (id: string) =>
      tldr.records.find((r) => r.id === `user:${id}`) as { name: string } | undefined
    expect(userName(zeb.participant.id)?.name).toBe(NOT_NAMED)
    const document = tldr.records.find((r) => r.typeName === 'document') as TLDocument
    const info = document.meta[EMBEDDED_BOARD_META_KEY] as unknown as EmbeddedBoardInfo
    expect(info.attribution['shape:housing']).toMatchObject({
      name: 'Blue Heron',
      role: 'Practitioner',
    })
    expect(info.attribution['shape:waits']).toBeUndefined()
    expect(info.attribution[templateShapeId(SESSION_AREAS[0]!.key)]).toMatchObject({
      name: 'Alex Morgan',
    })

    const ledger = JSON.parse(files.ledger!.text) as LedgerExport
    expect(ledger.verified).toBe(true)
    expect(ledger.board).toEqual({ id: boardId, title: 'Getting help with housing' })
    expect(ledger.people[bea.participant.id]).toEqual({ name: 'Bea', role: 'Carer or family' })
    expect(ledger.people[zeb.participant.id]).toBeUndefined()
  }, 120_000)

  it('exports the board for any tldraw app and for Excalidraw, which open it with every card’s words and credit people as they chose', async () => {
    const { boardId, clients: connected } = await workshop()
    // Every kind of card and route on the same board: a person, a route of each kind, a note
    // of each purpose and actions in each status, by Dev (credited by role only).
    const more = everyKindOfMapRecord().filter((record) => !connected.d.records.has(record.id))
    connected.d.doc.transact(() => {
      for (const record of more) connected.d.records.set(record.id, record)
    })
    await waitFor(async () => {
      const ledger = JSON.parse((await download(boardId, 'ledger')).text) as LedgerExport
      return more.every((record) => ledger.entries.some((e) => e.recordId === record.id))
    })
    const cards = cardWords([...connected.d.records.map.values()].map(({ val }) => val))
    expect(cards).toHaveLength(19)

    const plain = await download(boardId, 'tldr-plain')
    expect(plain.res.status).toBe(200)
    expect(plain.res.headers.get('content-type')).toBe('application/vnd.tldraw+json')
    expect(plain.res.headers.get('content-disposition')).toBe(
      'attachment; filename="Getting help with housing - for any tldraw app.tldr"',
    )
    const inTldraw = openInTldraw(plain.text)
    for (const { id, words } of cards) {
      const shape = inTldraw.find((record) => record.id === id) as TLGeoShape | undefined
      expect(shape && plainTextOf(shape.props.richText), id).toContain(words)
    }
    const arrows = inTldraw.filter((r) => r.typeName === 'shape' && r.type === 'arrow')
    expect(arrows).toHaveLength(6)
    const madeBy = inTldraw.find((r) => r.id === 'shape:made-on-commonmap') as TLTextShape
    const credits = plainTextOf(madeBy.props.richText)
    for (const name of ['Alex Morgan', 'Bea', 'Blue Heron', 'A practitioner']) {
      expect(credits).toContain(name)
    }

    const excalidraw = await download(boardId, 'excalidraw')
    expect(excalidraw.res.status).toBe(200)
    expect(excalidraw.res.headers.get('content-type')).toBe('application/vnd.excalidraw+json')
    expect(excalidraw.res.headers.get('content-disposition')).toBe(
      'attachment; filename="Getting help with housing.excalidraw"',
    )
    const scene = await loadExcalidrawFile(excalidraw.text)
    const textIn = (id: string) =>
      scene.elements.find((e) => e.type === 'text' && e.containerId === id.slice('shape:'.length))
        ?.originalText
    for (const { id, words } of cards) expect(textIn(id), id).toContain(words)
    expect(scene.elements.filter((e) => e.type === 'arrow')).toHaveLength(6)
    expect(scene.elements.filter((e) => e.type === 'frame')).toHaveLength(SESSION_AREAS.length)

    for (const [format, file] of Object.entries({ plain, excalidraw })) {
      expect(file.res.headers.get('content-security-policy'), format).toContain('sandbox')
      for (const secret of PRIVATE) {
        expect(file.bytes.includes(Buffer.from(secret)), `${secret} in ${format}`).toBe(false)
      }
      expect(file.text).toContain('Write to the council')
      expect(file.text).toContain('Who: Someone ·')
    }
    // Excalidraw's package is transformed and loaded, and a DOM set up for it, on the first
    // load: some seconds on a busy machine.
  }, 120_000)

  it('makes injected words inert in the CSV and the report, and serves each file as a download', async () => {
    const { boardId } = await workshop()
    const csv = await download(boardId, 'csv')
    expect(csv.res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.res.headers.get('content-disposition')).toBe(
      'attachment; filename="Getting help with housing.csv"',
    )
    const cells = Papa.parse<string[]>(csv.text.replace(/^\uFEFF/, '')).data.flat()
    for (const payload of INJECTIONS.filter((p) => /^[=+\-@]/.test(p))) {
      expect(cells).toContain(`'${payload}`)
      expect(cells).not.toContain(payload)
    }

    const html = await download(boardId, 'html')
    expect(html.res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = html.res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain('sandbox')
    expect(csp).not.toContain('script-src')
    expect(html.text).not.toMatch(/<script|<svg|<[^>]*\son\w+=/i)
    expect(html.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html.text).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;')

    const tldr = await download(boardId, 'tldr')
    expect(tldr.res.headers.get('content-disposition')).toBe(
      'attachment; filename="Getting help with housing.tldr"',
    )
    const ledger = await download(boardId, 'ledger')
    expect(ledger.res.headers.get('content-type')).toBe('application/json; charset=utf-8')
  }, 120_000)

  it('sends each file gzipped to whoever accepts that, and as it is to whoever does not', async () => {
    const { boardId } = await workshop()
    const raw = (acceptEncoding: string) =>
      new Promise<{ headers: IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
        const url = `${suite.server.url}/api/boards/${boardId}/export/tldr`
        get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }))
        }).on('error', reject)
      })
    const [plain, gzipped, refused] = await Promise.all([
      raw('identity'),
      raw('br, gzip;q=0.8'),
      raw('gzip;q=0'),
    ])
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(refused.headers['content-encoding']).toBeUndefined()
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    for (const { headers } of [plain, gzipped]) expect(headers.vary).toBe('Accept-Encoding')
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.bytes.byteLength)
    expect(gzipped.bytes.byteLength).toBeLessThan(plain.bytes.byteLength / 3)
    // Each answer is the board as it is: the same records, whatever the time stamps in them.
    const recordsOf = (bytes: Buffer) => {
      const file = readTldrFile(bytes.toString('utf8'), commonmapSchema)
      if (!file.ok) throw new Error(file.error)
      return new Set(file.records.map((record) => record.id))
    }
    const records = recordsOf(plain.bytes)
    expect(records.size).toBeGreaterThan(10)
    expect(recordsOf(gunzipSync(gzipped.bytes))).toEqual(records)
    expect(recordsOf(refused.bytes)).toEqual(records)
  }, 120_000)

  it('says plainly when there is no such board or no such export', async () => {
    const missing = await download('AAAAAAAAAAAAAAAAAAAAAA', 'csv')
    expect(missing.res.status).toBe(404)
    expect(JSON.parse(missing.text)).toEqual({ error: 'This board does not exist.' })
    const boardId = await createBoard(suite.server.url)
    expect((await fetch(`${suite.server.url}/api/boards/${boardId}/export/docx`)).status).toBe(404)
  })

  describe('the licence', () => {
    it('is chosen with a participant’s token, and refused without one or with another board’s', async () => {
      const { boardId, bea } = await workshop()
      const otherBoard = await createBoardWith(suite.server.url, {
        title: 'Elsewhere',
        creator: person('Olu Ade'),
      })
      expect((await putLicence(boardId, 'cc0-1.0')).status).toBe(401)
      expect((await putLicence(boardId, 'cc0-1.0', otherBoard.creator!.token)).status).toBe(403)
      const wrong = await putLicence(boardId, 'mine', bea.token)
      expect(wrong.status).toBe(400)
      expect(((await wrong.json()) as { error: string }).error).toMatch(/^Please choose one/)

      const res = await putLicence(boardId, 'cc-by-sa-4.0', bea.token)
      expect(res.status).toBe(200)
      const { licence } = (await res.json()) as LicenceResponse
      expect(licence).toMatchObject({ id: 'cc-by-sa-4.0', setBy: bea.participant.id })

      const report = await download(boardId, 'html')
      expect(report.text).toContain('Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)')
      expect(report.text).toContain('Chosen by Bea · Carer or family on ')
    })

    it('reaches every connected client with who chose it, and a client cannot forge it', async () => {
      const { boardId, bea, clients: connected } = await workshop()
      const licenceIn = (client: TestClient) => client.state.get('licence').get(CURRENT_KEY)
      expect(licenceIn(connected.a)).toBeUndefined()
      await putLicence(boardId, 'all-rights-reserved', bea.token)
      const chosen = await waitFor(() => licenceIn(connected.a))
      expect(chosen).toMatchObject({ id: 'all-rights-reserved', setBy: bea.participant.id })

      connected.z.doc.transact(() => {
        connected.z.doc.getMap('settings').set('licence', {
          id: 'cc0-1.0',
          setBy: null,
          setAt: null,
        })
        connected.z.records.set(
          'shape:marker',
          mapShapeRecord('purpose-note', 'marker', { text: 'Sent with the forgery' }),
        )
      })
      await waitFor(() => connected.a.records.has('shape:marker'))
      expect(licenceIn(connected.a)).toEqual(chosen)
      expect(connected.a.doc.getMap('settings').size).toBe(0)
      await waitFor(() => connected.z.doc.getMap('settings').size === 0)
      expect(licenceIn(connected.z)).toEqual(chosen)
      expect((await download(boardId, 'tldr')).text).toContain('"licence":"all-rights-reserved"')
    })
  })
})

describe('exports when everyone presses Export at once, on a server with one thread for them', () => {
  // One thread and two places to wait: twenty exports, each its own task, would have all but
  // three refused as busy.
  const suite = serverForSuite({ env: { WORK_THREADS: '1', WORK_QUEUE: '2' } })

  it('answers all twenty with the board, those who waited for the thread together sharing one file', async () => {
    const boardId = await createBoard(suite.server.url)
    const client = await suite.connect(boardId)
    client.records.set('shape:everyone', noteRecord('shape:everyone', 'We all want this') as never)
    const exportFile = () =>
      fetch(`${suite.server.url}/api/boards/${boardId}/export/tldr`).then(async (res) => ({
        status: res.status,
        body: await res.text(),
      }))
    await waitFor(async () => (await exportFile()).body.includes('We all want this'), {
      intervalMs: 250,
    })

    const answers = await Promise.all(Array.from({ length: 20 }, exportFile))
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200))
    expect(answers.every((answer) => answer.body.includes('We all want this'))).toBe(true)
  })
})
