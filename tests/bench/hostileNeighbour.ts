// The hostile scenario's neighbour, a process of its own (hostileScenario.ts starts it with the
// target server's URL and the attacks to send). It opens a board of 1,000 cards on that server,
// makes what it sends, says `ready`, then in waves, one every two seconds (or when the last is
// done, if later), until told to stop, sends that board what issue 11's attacks sent: five
// "adding for" messages as large as a frame may be, one frame of 8 MiB, one 30 MB hostile PNG
// to open as a board, twenty exports of the board, and one change as large as a message may
// carry; or only the attacks named (benchArgs.ts HOSTILE_ATTACKS). It answers with how each kind
// of attack was answered.
//
// A real attacker is on another machine. In a thread of the harness, everything the attacker
// made and received was garbage in the harness's process: its collector then held the
// workshop's clients 20–40 ms at a time, which the alone runs never saw, and the workshop's
// latency measured the harness. As a process of its own nothing it does reaches the harness.
import { WebSocket } from 'ws'
import { ApiPath, IMPORT_REQUEST_HEADER, type CreateBoardResponse } from '../../shared/api'
import { WS_PATH, WS_QUERY } from '../../shared/protocol'
import { importBoardFile } from '../helpers/boardFiles'
import { joinBoard, person } from '../helpers/createBoard'
import {
  hostileAddingFor,
  hostilePng,
  largestChange,
  thousandCardBoardFile,
} from '../helpers/hostileInput'
import type { HostileAttack } from './benchArgs'
import { NEIGHBOUR_READY, type NeighbourAnswers, type NeighbourOrders } from './neighbourOrders'

const WAVE_MS = 2000

/** A board of 1,000 cards to export and to attack, and how to reach it. */
async function neighbourTarget(serverUrl: string) {
  const file = thousandCardBoardFile('The neighbour’s board')
  const imported = await importBoardFile(serverUrl, file, person('Neighbour', 'practitioner'))
  if (imported.status !== 201) throw new Error(`Import answered ${imported.status}`)
  const board = (await imported.json()) as CreateBoardResponse
  const { token } = await joinBoard(serverUrl, board.id)
  return {
    socketUrl: `${serverUrl.replace(/^http/, 'ws')}${WS_PATH}/${board.id}?${WS_QUERY.token}=${token!}`,
    exportUrl: serverUrl + ApiPath.exportFile(board.id, 'tldr'),
    importUrl: serverUrl + ApiPath.importBoard,
    importHeaders: {
      'Content-Type': 'application/octet-stream',
      [IMPORT_REQUEST_HEADER]: encodeURIComponent(
        JSON.stringify({ creator: person('Mallory', 'practitioner') }),
      ),
    },
  }
}

/** Opens a socket to the board, sends `frame` once it is open, and resolves with its close code. */
function sendFrame(socketUrl: string, frame: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(socketUrl)
    socket.on('error', () => {})
    socket.once('open', () => socket.send(frame, () => socket.close()))
    socket.once('close', (code) => resolve(code))
  })
}

async function attack({ serverUrl, attacks }: NeighbourOrders): Promise<NeighbourAnswers> {
  const { socketUrl, exportUrl, importUrl, importHeaders } = await neighbourTarget(serverUrl)
  const addingFor = hostileAddingFor()
  const hugeFrame = new Uint8Array(8 * 1024 * 1024).fill(0x5b)
  // A copy fetch takes as a body (a Buffer may share a pooled ArrayBuffer).
  const png = new Uint8Array(hostilePng())
  const changes = Array.from({ length: 8 }, (_, i) => largestChange(1000 + i))
  const answers: Record<string, number> = {}
  const count = (kind: string, answer: number | string) => {
    const key = `${kind} ${answer}`
    answers[key] = (answers[key] ?? 0) + 1
  }
  let stopping = false
  process.once('message', () => (stopping = true))
  process.send?.(NEIGHBOUR_READY)

  let wave = 0
  while (!stopping) {
    const started = performance.now()
    const change = changes[wave % changes.length]!
    wave++
    const sending: Record<HostileAttack, () => Promise<void>[]> = {
      frames: () => [
        ...Array.from({ length: 5 }, () =>
          sendFrame(socketUrl, addingFor).then((code) => count('adding-for', code)),
        ),
        sendFrame(socketUrl, hugeFrame).then((code) => count('8 MiB frame', code)),
      ],
      change: () => [sendFrame(socketUrl, change).then((code) => count('largest change', code))],
      png: () => [
        fetch(importUrl, { method: 'POST', headers: importHeaders, body: png }).then(
          async (res) => {
            await res.arrayBuffer()
            count('png import', res.status)
          },
          () => count('png import', 'closed'),
        ),
      ],
      exports: () =>
        Array.from({ length: 20 }, () =>
          fetch(exportUrl).then(
            async (res) => {
              await res.arrayBuffer()
              count('export', res.status)
            },
            () => count('export', 'failed'),
          ),
        ),
    }
    await Promise.all(attacks.flatMap((kind) => sending[kind]()))
    const left = WAVE_MS - (performance.now() - started)
    if (left > 0 && !stopping) await new Promise((resolve) => setTimeout(resolve, left))
  }
  return { waves: wave, answers }
}

const orders = JSON.parse(process.argv[2] ?? '{}') as NeighbourOrders
attack(orders).then(
  (answers) => process.send?.(answers, () => process.exit(0)),
  (error: unknown) => {
    process.stderr.write(`The hostile neighbour failed: ${String(error)}\n`)
    process.exit(1)
  },
)
