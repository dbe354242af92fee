import type { TLRecord } from '@tldraw/tlschema'
import { Worker } from 'node:worker_threads'
import { ApiPath, IMPORT_REQUEST_HEADER, type CreateBoardResponse } from '../../shared/api'
import { WS_PATH, WS_QUERY } from '../../shared/protocol'
import { boardFileJson, embeddedInfo, importBoardFile } from '../helpers/boardFiles'
import { joinBoard, person } from '../helpers/createBoard'
import { hostileAddingFor, hostilePng, largestChange } from '../helpers/hostileInput'
import { noteRecord } from '../helpers/records'
import type { HostileAttack } from './benchArgs'
import { summarize, type Distribution } from './percentiles'
import type { ServerProcess } from './serverProcess'
import { runWorkload, type WorkloadResult } from './workloadScenario'
import type { Workload } from './workloads'

/** The two runs of the hostile scenario: the workshop alone, and with a hostile neighbour. */
export type HostileKind = 'quiet' | 'neighbour'

/** One run of the workshop, with what `/healthz` and the server's event loop did meanwhile. */
export interface HostileResult {
  readonly kind: HostileKind
  readonly workshop: WorkloadResult
  /** `/healthz` asked every 10 ms through the whole run; a failed request counts as Infinity. */
  readonly healthMs: Distribution
  /** The longest the server's event loop was held in each 250 ms of the run. */
  readonly eventLoopMaxMs: Distribution
  /** Waves of attacks sent, and how each kind was answered (status or close code: count). */
  readonly neighbour: { readonly waves: number; readonly answers: Record<string, number> } | null
  /** What the neighbour sent each wave (`--attacks`); all of them unless asked otherwise. */
  readonly attacks: readonly HostileAttack[]
}

/** What the neighbour sends, made once: the 30 MB PNG alone takes a while to build. */
interface Attacks {
  readonly addingFor: Uint8Array
  readonly hugeFrame: Uint8Array
  readonly png: Uint8Array
  readonly changes: readonly Uint8Array[]
}

let attacks: Attacks | undefined
function prepareAttacks(): Attacks {
  attacks ??= {
    addingFor: hostileAddingFor(),
    hugeFrame: new Uint8Array(8 * 1024 * 1024).fill(0x5b),
    png: hostilePng(),
    changes: Array.from({ length: 8 }, (_, i) => largestChange(1000 + i)),
  }
  return attacks
}

/**
 * Issue 11's "hostile neighbour": the 50-person workshop on one board, measured as the latency
 * scenario measures it, while (`neighbour`) another board on the same server receives issue
 * 11's attacks in waves (hostileNeighbour.mjs) from the start of the workshop to its end, or
 * (`quiet`) nothing does. Both also time `/healthz` every 10 ms and record how long the server's
 * event loop was held (the server runs with eventLoopProbe.mjs).
 */
export async function runHostile(
  server: ServerProcess,
  kind: HostileKind,
  workload: Workload,
  attacks: ReadonlySet<HostileAttack>,
): Promise<HostileResult> {
  // Made before any request: a connection left idle while the harness is busy may be closed
  // by the server meanwhile, and its next request fail.
  const sent = kind === 'neighbour' ? prepareAttacks() : undefined
  const target = sent && { ...(await neighbourTarget(server)), ...sent }
  const mark = server.logMark()
  const health = startWorker('healthPoller.mjs', server.url)
  const neighbour =
    target && startWorker('hostileNeighbour.mjs', { ...target, attacks: [...attacks] })
  let workshop: WorkloadResult
  try {
    workshop = await runWorkload(server, workload)
  } finally {
    health.postMessage('stop')
    neighbour?.postMessage('stop')
  }
  const [healthMs, answers] = await Promise.all([
    answerOf<number[]>(health),
    neighbour ? answerOf<HostileResult['neighbour']>(neighbour) : null,
  ])
  const delays = server
    .logsSince(mark)
    .filter((line) => line.event === 'bench.event-loop')
    .map((line) => Number(line.maxMs))
  return {
    kind,
    workshop,
    healthMs: summarize(healthMs),
    eventLoopMaxMs: summarize(delays),
    neighbour: answers,
    attacks: [...attacks],
  }
}

/** A board of 1,000 cards for the neighbour to export and to attack, and how to reach it. */
async function neighbourTarget(server: ServerProcess) {
  const notes = Array.from(
    { length: 1000 },
    (_, i) => noteRecord(`shape:n${i}`, `Card ${i}`, { x: (i % 40) * 220, y: i * 6 }) as TLRecord,
  )
  const file = boardFileJson(notes, embeddedInfo('The neighbour’s board', Date.now(), {}))
  const imported = await importBoardFile(server.url, file, person('Neighbour', 'practitioner'))
  if (imported.status !== 201) throw new Error(`Import answered ${imported.status}`)
  const board = (await imported.json()) as CreateBoardResponse
  const { token } = await joinBoard(server.url, board.id)
  return {
    socketUrl: `${server.url.replace(/^http/, 'ws')}${WS_PATH}/${board.id}?${WS_QUERY.token}=${token!}`,
    exportUrl: server.url + ApiPath.exportFile(board.id, 'tldr'),
    importUrl: server.url + ApiPath.importBoard,
    importHeaders: {
      'Content-Type': 'application/octet-stream',
      [IMPORT_REQUEST_HEADER]: encodeURIComponent(
        JSON.stringify({ creator: person('Mallory', 'practitioner') }),
      ),
    },
  }
}

function startWorker(file: string, workerData: unknown): Worker {
  return new Worker(new URL(file, import.meta.url), { workerData })
}

/** The one message a worker answers with when told to stop; then it is ended. */
async function answerOf<T>(worker: Worker): Promise<T> {
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
  } finally {
    await worker.terminate()
  }
}
