import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../deploy/cluster/throwawayPostgres'
import {
  ApiPath,
  type AssetUploadResponse,
  type HiddenResponse,
  type LedgerResponse,
  type SessionResponse,
} from '../../shared/api'
import { CloseCode } from '../../shared/closeCodes'
import { verifyLedger } from '../../shared/ledger'
import type { WatchLinkCreated } from '../../shared/watchLinks'
import { connectClient } from '../helpers/connectClient'
import { createBoardWith, joinBoard, person } from '../helpers/createBoard'
import { describeWhenInstalled } from '../helpers/describeWhenInstalled'
import { noteRecord } from '../helpers/records'
import { startServer, type TestServer } from '../helpers/startServer'
import { waitFor } from '../helpers/waitFor'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const PICTURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7, 7])

/** Runs `npm run migrate -- …` as a person would; resolves with its exit code and output. */
function migrate(from: string, to: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/migrate.ts', '--from', from, '--to', to],
      { cwd: repoRoot },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    )
  })
}

describeWhenInstalled(['postgresql'], 'moving an install from SQLite to PostgreSQL', () => {
  let postgres: ThrowawayPostgres
  let sqliteServer: TestServer
  let postgresServer: TestServer | undefined
  beforeAll(async () => {
    postgres = await startThrowawayPostgres({ withoutFsync: true })
    sqliteServer = await startServer({ env: { DATABASE_URL: '' } })
  }, 120_000)
  afterAll(async () => {
    await postgresServer?.stop()
    await sqliteServer?.stop()
    await postgres?.stop()
  })

  it('copies every board, person, ledger, licence, session, vote, watch link, hidden card and picture, and refuses to copy twice', async () => {
    const board = await createBoardWith(sqliteServer.url, {
      title: 'Getting help with housing',
      creator: person('Priya', 'practitioner'),
    })
    const token = board.creator!.token!
    const sam = await joinBoard(sqliteServer.url, board.id, person('Sam'))
    const client = await connectClient(sqliteServer.url, board.id, { token: sam.token })
    for (const n of [1, 2, 3])
      client.records.set(`shape:n${n}`, noteRecord(`shape:n${n}`, `Idea ${n}`) as never)
    const upload = await fetch(`${sqliteServer.url}/api/boards/${board.id}/assets`, {
      method: 'POST',
      body: PICTURE,
      headers: { 'Content-Type': 'application/octet-stream' },
    })
    const { src } = (await upload.json()) as AssetUploadResponse
    const licence = await fetch(`${sqliteServer.url}/api/boards/${board.id}/licence`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ licence: 'cc-by-4.0' }),
    })
    expect(licence.status).toBe(200)
    const stage = await fetch(`${sqliteServer.url}/api/boards/${board.id}/session/stage`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ area: 'purpose' }),
    })
    expect(stage.status).toBe(200)
    const json = (method: string, path: string, bearer: string, body: object) =>
      fetch(sqliteServer.url + path, {
        method,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
        body: JSON.stringify(body),
      })
    const voteOn = ['shape:n1', 'shape:n2']
    const sessionVote = ApiPath.sessionVote(board.id)
    expect(
      (await json('POST', sessionVote, token, { action: 'open', shapes: voteOn })).status,
    ).toBe(200)
    expect(
      (await json('PUT', ApiPath.votes(board.id, 'shape:n1'), sam.token!, { dots: 1 })).status,
    ).toBe(200)
    expect((await json('POST', sessionVote, token, { action: 'close' })).status).toBe(200)
    const watchLinks = ApiPath.watchLinks(board.id)
    const kept = (await (await json('POST', watchLinks, token, {})).json()) as WatchLinkCreated
    const revoked = (await (await json('POST', watchLinks, token, {})).json()) as WatchLinkCreated
    const revoking = await fetch(sqliteServer.url + ApiPath.watchLink(board.id, revoked.link.id), {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(revoking.status).toBe(200)
    // One card hidden for review, one removed after it: both stay as they were.
    for (const shape of ['shape:n2', 'shape:n3']) {
      const hide = { shape, reason: 'hurtful' }
      expect((await json('POST', ApiPath.hidden(board.id), sam.token!, hide)).status).toBe(200)
    }
    const removal = await fetch(
      sqliteServer.url + ApiPath.hiddenCardRemoval(board.id, 'shape:n3'),
      {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${token}` },
      },
    )
    expect(removal.status).toBe(200)

    /** What a person can see of the board through the API. */
    const seenThrough = async (url: string) => {
      const get = (path: string) =>
        fetch(url + path, { headers: { Authorization: `Bearer ${token}` } })
      const ledger = (
        (await (await get(`/api/boards/${board.id}/ledger`)).json()) as LedgerResponse
      ).entries
      const { session, vote } = (await (
        await get(`/api/boards/${board.id}/session`)
      ).json()) as SessionResponse
      // Hiding a card already hidden changes nothing and answers with every card hidden now.
      const hidden = await fetch(url + ApiPath.hidden(board.id), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ shape: 'shape:n2' }),
      })
      const tldr = await (await fetch(`${url}/api/boards/${board.id}/export/tldr`)).text()
      return {
        hidden: (await hidden.json()) as HiddenResponse,
        exportedCards: ['n1', 'n2', 'n3'].filter((n) => tldr.includes(`Idea ${n.slice(1)}`)),
        board: await (await get(`/api/boards/${board.id}`)).json(),
        people: await (await get(`/api/boards/${board.id}/participants`)).json(),
        watchLinks: await (await get(ApiPath.watchLinks(board.id))).json(),
        session,
        vote,
        ledger,
        picture: new Uint8Array(await (await get(src)).arrayBuffer()),
      }
    }
    const before = await waitFor(async () => {
      const seen = await seenThrough(sqliteServer.url)
      return (
        seen.ledger.filter((entry) => entry.recordId.startsWith('shape:n')).length === 6 &&
        !client.records.has('shape:n3' as never) &&
        seen
      )
    })
    const records = client.snapshot()
    client.close()
    expect(await sqliteServer.kill('SIGTERM')).toEqual({ code: 0, signal: null })

    const copied = await migrate(sqliteServer.dataDir, postgres.url)
    expect(copied.stderr).toBe('')
    expect(copied.code).toBe(0)
    expect(copied.stdout).toMatch(
      /^Copied 1 boards, 2 people, \d+ ledger entries \(verified on both sides\), 1 licences and 1 pictures to PostgreSQL\.\n$/,
    )

    postgresServer = await startServer({ env: { DATABASE_URL: postgres.url } })
    const after = await seenThrough(postgresServer.url)
    expect(after).toEqual(before)
    expect(after.exportedCards).toEqual(['n1'])
    expect(after.hidden).toEqual({ hidden: ['shape:n2'] })
    // The closed vote came across with its results: Sam's one dot on the first card.
    expect(after.vote?.results?.cards.find((card) => card.shapeId === 'shape:n1')?.dots).toBe(1)
    expect(after.picture).toEqual(PICTURE)
    expect(verifyLedger(after.ledger).ok).toBe(true)
    const reader = await connectClient(postgresServer.url, board.id, { token })
    expect(reader.snapshot()).toEqual(records)
    reader.close()
    // A watch link still opens the board, only to watch; the revoked one still does not.
    const watcher = await connectClient(postgresServer.url, board.id, { token: kept.token })
    expect(watcher.state.you?.capabilities).toEqual(['view'])
    watcher.close()
    const refused = await connectClient(postgresServer.url, board.id, {
      token: revoked.token,
      waitForSync: false,
    })
    await waitFor(() => refused.closeCodes.includes(CloseCode.LinkRevoked))
    refused.close()

    const again = await migrate(sqliteServer.dataDir, postgres.url)
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(
      /^Nothing was copied: The PostgreSQL database already holds boards/,
    )
  })
})
