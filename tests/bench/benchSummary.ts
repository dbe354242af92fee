import type { PageWeightResult } from './pageWeightScenario'
import type { ColdLoadResult } from './coldLoadScenario'
import type { ExportResult } from './exportScenario'
import type { LatencyResult } from './latencyScenario'
import { SERVERS, type ServerKind } from './serverProcess'

/** Everything one `npm run bench` measured: what results/latest.json holds. */
export interface BenchSummary {
  readonly startedAt: string
  readonly environment: {
    readonly node: string
    readonly cpu: string
    readonly cores: number
    readonly pinning: string
    /** Server CPU profiles were written (`--cpu-prof`): the server ran slower than usual. */
    readonly profiledServer: boolean
  }
  /** Per server, the run of the latency scenario with the median shape p99 (see `latencyP99Runs`). */
  readonly latency: Record<ServerKind, LatencyResult> | null
  /** Per server, the shape latency p99 of every round, in the order they ran (ms). */
  readonly latencyP99Runs: Record<ServerKind, readonly number[]>
  /** Null when the run was `--latency-only`. */
  readonly coldLoad: Record<ColdLoadKind, ColdLoadResult> | null
  /** What the board's pages cost to open; null when exports were not run either. */
  readonly pageWeight: PageWeightResult | null
  /** Null when the run was `--latency-only`. */
  readonly exports: ExportResult | null
  readonly targets: readonly Target[]
  /** Reasons to distrust some figures of this run, in plain words. */
  readonly warnings: readonly string[]
}

/** One target and whether this run met it. */
export interface Target {
  readonly name: string
  readonly value: number
  readonly limit: number
  readonly unit: string
  readonly pass: boolean
}

/** The servers the cold-load scenario runs on (the ledger plays no part in loading). */
export type ColdLoadKind = Exclude<ServerKind, 'commonmap-no-ledger'>

/** The most the contribution ledger may add to Commonmap's p99 shape latency. */
export const MAX_LEDGER_OVERHEAD = 0.2

/** Above this, other processes took a noticeable share of the cores the bench pinned. */
const MAX_OTHER_LOAD_PERCENT = 15

/** The targets Commonmap has to meet (docs: research/yjs-server-performance.md §0). */
export function checkTargets(
  latency: BenchSummary['latency'],
  coldLoad: BenchSummary['coldLoad'],
  exports: BenchSummary['exports'],
): Target[] {
  return [
    ...(latency ? latencyTargets(latency) : []),
    ...(coldLoad
      ? [
          atMost(
            'Cold load of 10,000 shapes, median of every round',
            coldLoad.commonmap.syncedMs.p50,
            200,
            'ms',
          ),
          atMost(
            'Cold load, median, against the reference server’s in the same run',
            coldLoad.commonmap.syncedMs.p50,
            coldLoad.reference.syncedMs.p50,
            'ms',
          ),
          atMost(
            'Server RSS after the cold load, worst',
            coldLoad.commonmap.serverRssMb.max,
            200,
            'MB',
          ),
        ]
      : []),
    ...(exports ? exportTargets(exports) : []),
  ]
}

function latencyTargets(latency: NonNullable<BenchSummary['latency']>): Target[] {
  const ours = latency.commonmap.shapeLatencyMs.p99
  const withoutLedger = latency['commonmap-no-ledger'].shapeLatencyMs.p99
  const { shapeUpdates, cursorUpdates } = latency.commonmap
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
      latency.reference.shapeLatencyMs.p99,
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

function atMost(name: string, value: number, limit: number, unit: string): Target {
  return { name, value, limit, unit, pass: value <= limit }
}

/**
 * Why a latency run's figures cannot be trusted, in plain words, or undefined if nothing
 * disturbed it: a saturated harness adds its own queueing to every latency, and other processes
 * on a shared machine take turns on the pinned cores.
 */
export function disturbanceOf(result: LatencyResult): string | undefined {
  const { harness, otherLoadPercent } = result
  if (harness.saturated) {
    return (
      `the harness was saturated (loop lag p99 ${harness.loopLagMs.p99.toFixed(1)} ms, ` +
      `CPU ${harness.cpuPercent.toFixed(0)} %)`
    )
  }
  if (otherLoadPercent > MAX_OTHER_LOAD_PERCENT) {
    return `other processes used ${otherLoadPercent.toFixed(0)} % of a core`
  }
  return undefined
}

/** Why figures of this run may be unreliable; empty when nothing looked wrong. */
export function warningsOf(
  latency: BenchSummary['latency'],
  coldLoad: BenchSummary['coldLoad'],
  pinned: boolean,
): string[] {
  const warnings = pinned ? [] : ['Server and harness were not pinned to separate cores.']
  for (const result of Object.values(latency ?? {})) {
    const disturbance = disturbanceOf(result)
    if (disturbance) {
      warnings.push(`Latency on ${SERVERS[result.server].name}: ${disturbance}; tails are noisy.`)
    }
    if (result.connectionDrops > 0) {
      warnings.push(
        `Latency on ${SERVERS[result.server].name}: ${result.connectionDrops} connections ` +
          'dropped, so its loss counts are not reliable.',
      )
    }
  }
  for (const result of Object.values(coldLoad ?? {})) {
    result.loads.forEach((load, i) => {
      if (load.otherLoadPercent > MAX_OTHER_LOAD_PERCENT) {
        warnings.push(
          `Cold load ${i + 1} on ${SERVERS[result.server].name}: other processes used ` +
            `${load.otherLoadPercent.toFixed(0)} % of a core.`,
        )
      }
    })
  }
  return warnings
}
