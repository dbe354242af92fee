import { startCluster, type Cluster } from '../../deploy/cluster/startCluster'
import { SERVER_BUILD } from '../../server/ensureBuilt'
import { createBoard, joinBoard, person } from '../helpers/createBoard'
import {
  runLatencyScenario,
  WORKSHOP,
  type LatencyOptions,
  type LatencyResult,
} from './latencyScenario'
import { readProcStats } from './procStats'
import type { LatencyTarget } from './serverProcess'

/** Many small workshops at once: 300 boards of 5 people, 2 of them dragging shapes. */
export const MANY_BOARDS = {
  boards: 300,
  board: {
    clients: 5,
    movers: 2,
    shapeHz: 2,
    cursorHz: 2,
    warmupMs: 3000,
    measureMs: 20_000,
    drainMs: 2000,
  } satisfies LatencyOptions,
}

/** What the many-boards run measured, over every board. */
export interface ManyBoardsResult {
  readonly boards: number
  readonly clientsPerBoard: number
  /** The median board's shape latency p99, and the worst board's, in ms. */
  readonly shapeP99MedianBoardMs: number
  readonly shapeP99WorstBoardMs: number
  readonly shapeP50MedianBoardMs: number
  readonly shapeUpdatesLost: number
  readonly connectionDrops: number
  /** RSS of each process at the end, in MB, and how many of the boards each served. */
  readonly processes: readonly { number: number; rssMb: number; boards: number }[]
}

/** Cluster results: the 50-person workshop through HAProxy, and many boards at once. */
export interface ClusterBench {
  readonly workshop: LatencyResult
  readonly manyBoards: ManyBoardsResult
}

/** The cluster seen as one server by the latency scenario: everything through HAProxy. */
function throughProxy(cluster: Cluster): LatencyTarget {
  const ownerPid = (boardId: string): number => {
    let pid: number | undefined
    let highest = -1
    for (const process of cluster.processes) {
      for (const line of process.logs) {
        if (
          line.event === 'board.taken' &&
          line.boardId === boardId &&
          Number(line.fence) > highest
        ) {
          highest = Number(line.fence)
          pid = process.pid
        }
      }
    }
    return pid ?? cluster.processes[0]!.pid!
  }
  let lastRoom = ''
  return {
    kind: 'commonmap',
    url: cluster.url,
    // The process whose CPU and memory matter is the one serving the board being measured.
    get pid() {
      return ownerPid(lastRoom)
    },
    createRoom: async () => (lastRoom = await createBoard(cluster.url, 'Bench board')),
    tokenFor: async (room, n) =>
      (await joinBoard(cluster.url, room, person(`Bench ${n}`, 'practitioner'))).token,
  }
}

/**
 * Three Commonmap processes (compiled, as `npm start` runs them) on a PostgreSQL with fsync on,
 * behind HAProxy: the 50-person workshop, then {@link MANY_BOARDS} spread over the processes.
 */
export async function runClusterScenario(progress: (line: string) => void): Promise<ClusterBench> {
  const cluster = await startCluster({ nodeArgs: [SERVER_BUILD.output] })
  try {
    progress('Latency scenario through HAProxy on three processes…')
    const workshop = await runLatencyScenario(throughProxy(cluster), WORKSHOP)
    progress(`${MANY_BOARDS.boards} boards × ${MANY_BOARDS.board.clients} people through HAProxy…`)
    const boards = await Promise.all(
      Array.from({ length: MANY_BOARDS.boards }, () =>
        runLatencyScenario(throughProxy(cluster), MANY_BOARDS.board),
      ),
    )
    const p99s = boards.map((board) => board.shapeLatencyMs.p99).sort((a, b) => a - b)
    const p50s = boards.map((board) => board.shapeLatencyMs.p50).sort((a, b) => a - b)
    const middle = Math.floor(boards.length / 2)
    const served = new Map<number, number>()
    for (const process of cluster.processes) {
      served.set(
        process.number,
        new Set(
          process.logs.filter((line) => line.event === 'board.taken').map((line) => line.boardId),
        ).size,
      )
    }
    return {
      workshop,
      manyBoards: {
        boards: boards.length,
        clientsPerBoard: MANY_BOARDS.board.clients,
        shapeP99MedianBoardMs: p99s[middle] ?? NaN,
        shapeP99WorstBoardMs: p99s.at(-1) ?? NaN,
        shapeP50MedianBoardMs: p50s[middle] ?? NaN,
        shapeUpdatesLost: boards.reduce((total, board) => total + board.shapeUpdates.lost, 0),
        connectionDrops: boards.reduce((total, board) => total + board.connectionDrops, 0),
        processes: cluster.processes.map((process) => ({
          number: process.number,
          rssMb: process.pid ? Math.round(readProcStats(process.pid).rssMb) : NaN,
          boards: served.get(process.number) ?? 0,
        })),
      },
    }
  } finally {
    await cluster.stop()
  }
}
