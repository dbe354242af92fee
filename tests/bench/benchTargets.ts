import { isEveryAttack } from './benchArgs'
import { BASELINE } from './benchBaseline'
import type {
  BenchMeasurements,
  LatencyKind,
  OneRoomRounds,
  PeerKind,
  Target,
} from './benchSummary'
import type { ColdLoadResult } from './coldLoadScenario'
import type { ExportResult } from './exportScenario'
import { PAGE_WEIGHT_TARGETS, type PageWeightResult } from './pageWeightScenario'
import type { Rounds } from './interleavedRounds'
import { summarize } from './percentiles'
import type { WorkloadResult } from './workloadScenario'

/** The most the contribution ledger may add to Commonmap's p99 shape latency. */
export const MAX_LEDGER_OVERHEAD = 0.2

/** How much more than the reference server's p99 and CPU Commonmap may use with many boards. */
const MANY_BOARDS_FACTOR = 1.5

/** The room sizes at which Commonmap must keep up with Hocuspocus and lose nothing. */
const ONE_ROOM_TARGET_SIZES: readonly number[] = [200, 500]

/** How much a hostile neighbour may slow the workshop's p99 (issue 11). */
const HOSTILE_FACTOR = 1.5

/** Issue 11: `/healthz` p99 under attack, and the longest anything may hold the event loop. */
const MAX_HEALTH_P99_MS = 100
const MAX_EVENT_LOOP_HOLD_MS = 50

/** Resident memory of a fresh Commonmap server with nothing loaded. */
const MAX_IDLE_RSS_MB = 80

/**
 * The targets Commonmap has to meet: research/yjs-server-performance.md §0, issue 9's cold
 * loads, and issue 13's "Done when".
 */
export function checkTargets(measured: BenchMeasurements): Target[] {
  const {
    latency,
    manyBoards,
    oneRoom,
    cursors,
    joinStorm,
    coldLoad,
    idle,
    exports,
    pageWeight,
    hostile,
  } = measured
  return [
    ...(hostile ? hostileTargets(hostile) : []),
    ...(latency ? latencyTargets(latency) : []),
    ...(manyBoards ? manyBoardsTargets(manyBoards) : []),
    ...(oneRoom ?? [])
      .filter(({ connections }) => ONE_ROOM_TARGET_SIZES.includes(connections))
      .flatMap(oneRoomTargets),
    ...(cursors
      ? [
          atMost(
            'Cursor latency p99, 200 people at 10 Hz, median round, against today’s',
            cursors.median.commonmap.cursorLatencyMs.p99,
            BASELINE.cursorP99Ms,
            'ms',
          ),
          atMost(
            'Cursor deliveries lost, 200 people at 10 Hz, median round, against today’s',
            cursors.median.commonmap.cursorUpdates.lost,
            BASELINE.cursorLost,
            '',
          ),
        ]
      : []),
    ...(joinStorm
      ? [
          atMost(
            'Join storm, time to synced p99, median round, against today’s',
            joinStorm.median.commonmap.syncedMs.p99,
            BASELINE.joinStormP99Ms,
            'ms',
          ),
        ]
      : []),
    ...(coldLoad ? coldLoadTargets(coldLoad) : []),
    ...(idle
      ? [
          atMost(
            'Idle server memory (RSS), median round',
            idle.median.commonmap.rssMb,
            MAX_IDLE_RSS_MB,
            'MB',
          ),
        ]
      : []),
    ...(exports ? exportTargets(exports) : []),
    ...(pageWeight ? pageWeightTargets(pageWeight) : []),
  ]
}

function latencyTargets({ median }: Rounds<LatencyKind, WorkloadResult>): Target[] {
  const ours = median.commonmap.shapeLatencyMs.p99
  const withoutLedger = median['commonmap-no-ledger'].shapeLatencyMs.p99
  const { shapeUpdates, cursorUpdates } = median.commonmap
  return [
    atMost('Shape latency p99 with 50 clients, median round', ours, 10, 'ms'),
    atMost(
      'Deliveries lost in the 50-client workshop (shapes and cursors)',
      shapeUpdates.lost + cursorUpdates.lost,
      0,
      '',
    ),
    atMost(
      `Ledger adds at most ${MAX_LEDGER_OVERHEAD * 100} % to p99 (median rounds; without the ledger: ${withoutLedger.toFixed(2)} ms)`,
      ours,
      withoutLedger * (1 + MAX_LEDGER_OVERHEAD),
      'ms',
    ),
    atMost(
      'Shape latency p99, median round, against the reference server in the same rounds',
      ours,
      median.reference.shapeLatencyMs.p99,
      'ms',
    ),
  ]
}

function manyBoardsTargets({ median }: Rounds<PeerKind, WorkloadResult>): Target[] {
  const { commonmap, reference } = median
  return [
    atMost(
      `Many boards: shape latency p99, median round, at most ${MANY_BOARDS_FACTOR}× the reference’s`,
      commonmap.shapeLatencyMs.p99,
      reference.shapeLatencyMs.p99 * MANY_BOARDS_FACTOR,
      'ms',
    ),
    atMost(
      `Many boards: server CPU, median round, at most ${MANY_BOARDS_FACTOR}× the reference’s`,
      commonmap.serverUsage.cpuPercentMean,
      reference.serverUsage.cpuPercentMean * MANY_BOARDS_FACTOR,
      '%',
    ),
  ]
}

function oneRoomTargets({ connections, rounds }: OneRoomRounds): Target[] {
  const lost = rounds.runs.commonmap.reduce((total, run) => total + run.shapeUpdates.lost, 0)
  return [
    atMost(
      `One room at ${connections}: shape latency p99, median round, against Hocuspocus’s`,
      rounds.median.commonmap.shapeLatencyMs.p99,
      rounds.median.hocuspocus.shapeLatencyMs.p99,
      'ms',
    ),
    atMost(`One room at ${connections}: deliveries lost, every round`, lost, 0, ''),
  ]
}

function coldLoadTargets(coldLoad: Record<PeerKind, ColdLoadResult>): Target[] {
  const { commonmap, reference } = coldLoad
  const restarted = commonmap.loads.filter((load) => load.eviction === 'restarted')
  return [
    atMost('Cold load of 10,000 shapes, median of every round', commonmap.syncedMs.p50, 200, 'ms'),
    atMost(
      'Cold load, median, against the reference server’s in the same run',
      commonmap.syncedMs.p50,
      reference.syncedMs.p50,
      'ms',
    ),
    atMost('Server RSS after the cold load, worst', commonmap.serverRssMb.max, 200, 'MB'),
    atMost(
      'First client after a restart, median, against the reference’s load from memory',
      summarize(restarted.map((load) => load.syncedMs)).p50,
      reference.syncedMs.p50,
      'ms',
    ),
  ]
}

/** Export in the browser: a person waits for these, so seconds matter. */
export function exportTargets({ options, pdf, bundle }: ExportResult): Target[] {
  const shapes = options.shapes.toLocaleString('en')
  return [
    atMost(`PDF report of ${shapes} shapes in Chromium, median`, pdf.median / 1000, 3, 's'),
    atMost(`Bundle of ${shapes} shapes in Chromium, median`, bundle.median / 1000, 5, 's'),
  ]
}

function hostileTargets({ median }: NonNullable<BenchMeasurements['hostile']>): Target[] {
  const { quiet, neighbour } = median
  // The targets are for the whole neighbour; a run with some attacks left out judges nothing.
  if (!isEveryAttack(neighbour.attacks)) return []
  return [
    atMost(
      'Workshop shape p99 beside a hostile neighbour, against alone × 1.5',
      neighbour.workshop.shapeLatencyMs.p99,
      HOSTILE_FACTOR * quiet.workshop.shapeLatencyMs.p99,
      'ms',
    ),
    atMost(
      '/healthz p99 beside a hostile neighbour',
      neighbour.healthMs.p99,
      MAX_HEALTH_P99_MS,
      'ms',
    ),
    atMost(
      'Longest the event loop was held, beside a hostile neighbour',
      neighbour.eventLoopMaxMs.max,
      MAX_EVENT_LOOP_HOLD_MS,
      'ms',
    ),
  ]
}

/** Issue 10's budgets: what a phone on a slow connection has to download before it can add a card. */
export function pageWeightTargets(result: PageWeightResult): Target[] {
  const t = PAGE_WEIGHT_TARGETS
  return [
    atMost(
      'Board page JavaScript before Export (gzip)',
      kb(result.boardJsGzip),
      kb(t.boardJsGzip),
      'KB',
    ),
    atMost('Phone lane JavaScript (gzip)', kb(result.laneJsGzip), kb(t.laneJsGzip), 'KB'),
    atMost(
      'Phone lane usable on Slow 3G with 4× CPU slowdown',
      result.laneUsableSlowMs / 1000,
      t.laneUsableSlowMs / 1000,
      's',
    ),
  ]
}

function kb(bytes: number): number {
  return Math.round((bytes / 1024) * 10) / 10
}

function atMost(name: string, value: number, limit: number, unit: string): Target {
  return { name, value, limit, unit, pass: value <= limit }
}
