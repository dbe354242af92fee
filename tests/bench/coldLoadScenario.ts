import * as Y from 'yjs'
import { getRecordStore } from '../../shared/docLayout'
import { fillBoard, type BoardSize } from './fillBoard'
import { countShapes, openBoard } from './openBoard'
import { summarize, type Distribution } from './percentiles'
import { readProcStats, watchOtherLoad } from './procStats'
import { isBoardEvent, SERVERS, type ServerKind, type ServerProcess } from './serverProcess'

/** The board the cold-load scenario opens, and how often. */
export interface ColdLoadOptions extends BoardSize {
  readonly loads: number
}

/** A big workshop board, opened five times. */
export const BIG_BOARD: ColdLoadOptions = { shapes: 10_000, fillBatch: 500, loads: 5 }

/**
 * How the board left the server's memory before a load:
 * - `unloaded`: the server unloaded the idle room itself (its document compacted on disk);
 * - `restarted`: the server process was restarted on the same data folder;
 * - `in memory`: it never left (the reference server and Hocuspocus keep documents in memory
 *   only, so a restart would lose it), so the load is only a sync of a loaded document.
 */
export type Eviction = 'unloaded' | 'restarted' | 'in memory'

/** One fresh client opening the board. */
export interface ColdLoad {
  /** Which round of the run it was in (rounds alternate which server goes first). */
  readonly round?: number
  readonly eviction: Eviction
  /** From creating the client (socket not yet open) to its `sync` event, all shapes there. */
  readonly syncedMs: number
  /** Of which until the server's sync step 2 arrived; the rest is the client applying it. */
  readonly syncFrameMs: number
  readonly syncFrameBytes: number
  /** The server's resident memory once the board is loaded. */
  readonly serverRssMb: number
  /** The server's highest resident memory since it started. */
  readonly serverPeakRssMb: number
  /** CPU used by other processes during the load, in % of one core (see `watchOtherLoad`). */
  readonly otherLoadPercent: number
  /** Commonmap's own account of rebuilding the document (its `room.restored` log line). */
  readonly restore?: {
    readonly ms: number
    readonly updates: number
    readonly snapshotBytes: number
  }
}

/** What one server did in the cold-load scenario. */
export interface ColdLoadResult {
  readonly server: ServerKind
  readonly options: ColdLoadOptions
  readonly loads: readonly ColdLoad[]
  readonly syncedMs: Distribution
  readonly serverRssMb: Distribution
}

/** Longest wait for a room to unload after its last client left (Commonmap's default is 30 s). */
const UNLOAD_TIMEOUT_MS = 60_000
/** Longest wait for the compaction that follows an unload; none is logged if nothing was new. */
const COMPACTION_TIMEOUT_MS = 10_000

/**
 * Fills a board with `shapes` tldraw shapes from a client, lets it leave the server's memory,
 * and times fresh clients opening it. On Commonmap the first load follows the server's own
 * unload of the idle room (a warm process reading a compacted board from SQLite), the others a
 * restart of the process on the same data folder (cold from disk, and cold JIT). The other
 * servers keep nothing on disk: their loads are of the board in memory, with the client that
 * checked the fill kept on it where the server would otherwise drop the document (Hocuspocus).
 */
export async function runColdLoadScenario(
  server: ServerProcess,
  options: ColdLoadOptions = BIG_BOARD,
): Promise<ColdLoadResult> {
  const room = await server.createRoom()
  const filled = server.logMark()
  const { board, reader } = await fillBoard(server, room, options)
  const holder = SERVERS[server.kind].dropsEmptyRooms ? reader : undefined
  if (!holder) reader.provider.close()
  try {
    const loads: ColdLoad[] = []
    for (let i = 0; i < options.loads; i++) {
      const eviction = await evict(server, room, i === 0 ? filled : undefined)
      rehearseClient(board)
      loads.push(await load(server, room, eviction, options.shapes))
    }
    return {
      server: server.kind,
      options,
      loads,
      syncedMs: summarize(loads.map((one) => one.syncedMs)),
      serverRssMb: summarize(loads.map((one) => one.serverRssMb)),
    }
  } finally {
    holder?.provider.close()
  }
}

/**
 * Gets the board out of the server's memory before a load. For the first load `filledMark` (a
 * log mark from before the fill) is given, and Commonmap is left to unload the idle room itself;
 * later loads restart it.
 */
async function evict(
  server: ServerProcess,
  room: string,
  filledMark: number | undefined,
): Promise<Eviction> {
  if (!SERVERS[server.kind].commonmap) return 'in memory'
  if (filledMark === undefined) {
    await server.restart()
    return 'restarted'
  }
  const unloaded = await server.waitForLog(isBoardEvent('room.unloaded', room), {
    after: filledMark,
    timeoutMs: UNLOAD_TIMEOUT_MS,
  })
  if (!unloaded)
    throw new Error(`Commonmap did not unload the idle room in ${UNLOAD_TIMEOUT_MS} ms`)
  // Loading while the unload's compaction runs would time the compaction too.
  await server.waitForLog(isBoardEvent('compaction.done', room), {
    after: unloaded.index,
    timeoutMs: COMPACTION_TIMEOUT_MS,
  })
  return 'unloaded'
}

/**
 * Applies the board once in this process, as the measured client will, and drops it. After the
 * long idle wait for an unload, V8 had shrunk the harness's heap and that client alone took half
 * as long again; rehearsing first leaves the differences between loads to the server.
 */
function rehearseClient(board: Uint8Array): void {
  const doc = new Y.Doc()
  getRecordStore(doc)
  Y.applyUpdate(doc, board)
  doc.destroy()
}

async function load(
  server: ServerProcess,
  room: string,
  eviction: Eviction,
  shapes: number,
): Promise<ColdLoad> {
  // Joining is not part of the load being timed.
  const token = await server.tokenFor(room, 2)
  const mark = server.logMark()
  const otherLoad = watchOtherLoad(server.pid)
  const client = await openBoard(server, room, token)
  const otherLoadPercent = otherLoad()
  try {
    const seen = countShapes(client.records)
    if (seen < shapes) throw new Error(`A fresh client synced with ${seen} of ${shapes} shapes`)
    // Commonmap may answer a first client from the stored snapshot and rebuild its document
    // afterwards; its memory is only "after the load" once that is done.
    const restored =
      server.kind === 'commonmap'
        ? await server.waitForLog(isBoardEvent('room.restored', room), {
            after: mark,
            timeoutMs: 10_000,
          })
        : undefined
    const stats = readProcStats(server.pid)
    return {
      eviction,
      syncedMs: client.syncedMs,
      syncFrameMs: client.syncFrameMs,
      syncFrameBytes: client.syncFrameBytes,
      serverRssMb: stats.rssMb,
      serverPeakRssMb: stats.peakRssMb,
      otherLoadPercent,
      ...(restored && {
        restore: {
          ms: Number(restored.line.ms),
          updates: Number(restored.line.updates),
          snapshotBytes: Number(restored.line.snapshotBytes),
        },
      }),
    }
  } finally {
    client.provider.close()
  }
}

/**
 * The loads of several rounds on one server, as one result: every load, and the distributions
 * over all of them (the median of at least three rounds is what the targets use).
 */
export function mergeColdLoadRounds(rounds: readonly ColdLoadResult[]): ColdLoadResult {
  const first = rounds[0]
  if (!first) throw new Error('No cold-load rounds')
  const loads = rounds.flatMap((result, round) => result.loads.map((load) => ({ ...load, round })))
  return {
    server: first.server,
    options: first.options,
    loads,
    syncedMs: summarize(loads.map((load) => load.syncedMs)),
    serverRssMb: summarize(loads.map((load) => load.serverRssMb)),
  }
}
