import { loadavg } from 'node:os'
import { fillBoard, type BoardSize } from './fillBoard'
import { mapWithLimit } from './mapWithLimit'
import { summarize, type Distribution } from './percentiles'
import { readProcStats, watchOtherLoad } from './procStats'
import type { ServerKind, ServerProcess } from './serverProcess'
import { SinkClient } from './SinkClient'

/** The board people join, and how many join at once. */
export interface JoinStormOptions extends BoardSize {
  readonly joiners: number
}

/** 50 people joining a loaded board of 5,000 shapes in the same moment. */
export const JOIN_STORM: JoinStormOptions = { shapes: 5000, fillBatch: 500, joiners: 50 }

/** What one server did in the join storm. */
export interface JoinStormResult {
  readonly server: ServerKind
  readonly options: JoinStormOptions
  /** Per joiner, from opening its socket to being synced (see `SinkClient.joinedMs`). */
  readonly syncedMs: Distribution
  /** From the first socket opened to the last joiner synced. */
  readonly stormMs: number
  /** CPU time the server used meanwhile, in ms. */
  readonly serverCpuMs: number
  /** The server's resident memory once everyone has joined, and its highest since it started. */
  readonly serverRssMb: number
  readonly serverPeakRssMb: number
  /** CPU used by other processes meanwhile, in % of one core (see `watchOtherLoad`). */
  readonly otherLoadPercent: number
  /** The machine's one-minute load average when the storm began. */
  readonly loadAverage: number
}

/** The joiners time nothing of what they receive afterwards. */
const NOTHING_TIMED = { from: Infinity, until: Infinity }

/**
 * Fills a board, keeps the client that checked it on the board (so it stays loaded on every
 * server), then opens `joiners` light clients at once and times each until it is synced: the
 * server's answer to its sync step 1 received and, on Commonmap, its server state snapshot.
 * Light clients, because what a browser does with the board afterwards is its own work: fifty
 * full clients applying 1.6 MB each in one harness process would time the harness. People
 * join the board through Commonmap's API first; the storm is their sockets.
 */
export async function runJoinStorm(
  server: ServerProcess,
  options: JoinStormOptions = JOIN_STORM,
): Promise<JoinStormResult> {
  const room = await server.createRoom()
  const { reader } = await fillBoard(server, room, options)
  const joiners: SinkClient[] = []
  try {
    const numbers = Array.from({ length: options.joiners }, (_, i) => 2 + i)
    // Joining the board through the API is not the storm; a few at a time, as in the workloads.
    const tokens = await mapWithLimit(numbers, 20, (n) => server.tokenFor(room, n))
    const loadAverage = loadavg()[0] ?? Number.NaN
    const before = readProcStats(server.pid)
    const otherLoad = watchOtherLoad(server.pid)
    const started = performance.now()
    joiners.push(
      ...(await Promise.all(
        numbers.map((n, i) => SinkClient.connect(server, room, n, NOTHING_TIMED, tokens[i])),
      )),
    )
    const stormMs = performance.now() - started
    const otherLoadPercent = otherLoad()
    const after = readProcStats(server.pid)
    return {
      server: server.kind,
      options,
      syncedMs: summarize(joiners.map((joiner) => joiner.joinedMs)),
      stormMs,
      serverCpuMs: (after.cpuSeconds - before.cpuSeconds) * 1000,
      serverRssMb: after.rssMb,
      serverPeakRssMb: after.peakRssMb,
      otherLoadPercent,
      loadAverage,
    }
  } finally {
    for (const joiner of joiners) joiner.close()
    reader.provider.close()
  }
}
