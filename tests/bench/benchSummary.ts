import type { PageWeightResult } from './pageWeightScenario'
import type { ColdLoadResult } from './coldLoadScenario'
import type { ExportResult } from './exportScenario'
import type { HostileKind, HostileResult } from './hostileScenario'
import type { IdleResult } from './idleScenario'
import type { Rounds } from './interleavedRounds'
import type { JoinStormResult } from './joinStormScenario'
import { closeCodes } from './reportTable'
import { SERVERS, type ServerKind } from './serverProcess'
import type { WorkloadResult } from './workloadScenario'

/** The servers of the 50-client latency scenario: Commonmap with and without its ledger, and the reference. */
export type LatencyKind = Exclude<ServerKind, 'hocuspocus'>

/** The servers every other scenario compares: Commonmap and its two peers. */
export type PeerKind = Exclude<ServerKind, 'commonmap-no-ledger'>

/** One room size of the one-room scenario. */
export interface OneRoomRounds {
  readonly connections: number
  readonly rounds: Rounds<PeerKind, WorkloadResult>
}

/** What the machine was and how busy it was. */
export interface BenchEnvironment {
  readonly node: string
  readonly cpu: string
  readonly cores: number
  readonly pinning: string
  /** Server CPU profiles were written (`--cpu-prof`): Commonmap ran slower than usual. */
  readonly profiledServer: boolean
  /** The 1, 5 and 15-minute load averages when the run started and when it ended. */
  readonly loadAverage: { readonly atStart: readonly number[]; readonly atEnd: readonly number[] }
}

/** What each scenario measured; null for a scenario that was not run. */
export interface BenchMeasurements {
  /** The 50-client workshop, each server reported by its median round (shape p99). */
  readonly latency: Rounds<LatencyKind, WorkloadResult> | null
  /** 200 boards × 5 people × 2 updates/s. */
  readonly manyBoards: Rounds<PeerKind, WorkloadResult> | null
  /** One room at 100, 200 and 500 connections, 200 updates/s in all. */
  readonly oneRoom: readonly OneRoomRounds[] | null
  /** 200 people moving cursors at 10 Hz in one room. */
  readonly cursors: Rounds<PeerKind, WorkloadResult> | null
  /** 50 people joining a loaded 5,000-shape board at once. */
  readonly joinStorm: Rounds<PeerKind, JoinStormResult> | null
  /** A 10,000-shape board's loads, every round's together. */
  readonly coldLoad: Record<PeerKind, ColdLoadResult> | null
  /** A fresh server with nothing loaded. */
  readonly idle: Rounds<PeerKind, IdleResult> | null
  /** The workshop alone and beside a board under attack, on Commonmap (workshop shape p99). */
  readonly hostile: Rounds<HostileKind, HostileResult> | null
  readonly exports: ExportResult | null
  /** What the board's pages cost to open, and how soon the phone lane works on a slow phone. */
  readonly pageWeight: PageWeightResult | null
}

/** Everything one `npm run bench` measured: what results/latest.json holds. */
export interface BenchSummary extends BenchMeasurements {
  readonly startedAt: string
  readonly environment: BenchEnvironment
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

/** Above this, other processes took a noticeable share of the cores the bench pinned. */
const MAX_OTHER_LOAD_PERCENT = 15

/**
 * Why a workload run's figures cannot be trusted, in plain words, or undefined if nothing
 * disturbed it: a saturated harness adds its own queueing to every latency, and other processes
 * on a shared machine take turns on the pinned cores.
 */
export function disturbanceOf(result: WorkloadResult): string | undefined {
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
export function warningsOf(measured: BenchMeasurements, pinned: boolean): string[] {
  const warnings = pinned ? [] : ['Server and harness were not pinned to separate cores.']
  warnings.push(
    ...workloadWarnings('Latency', measured.latency),
    ...workloadWarnings('Many boards', measured.manyBoards),
    ...(measured.oneRoom ?? []).flatMap(({ connections, rounds }) =>
      workloadWarnings(`One room at ${connections}`, rounds),
    ),
    ...workloadWarnings('Cursors', measured.cursors),
  )
  for (const result of Object.values(measured.hostile?.median ?? {})) {
    if (result.workshop.otherLoadPercent > MAX_OTHER_LOAD_PERCENT) {
      warnings.push(
        `Hostile neighbour (${result.kind}): other processes used ` +
          `${result.workshop.otherLoadPercent.toFixed(0)} % of a core.`,
      )
    }
  }
  for (const result of Object.values(measured.joinStorm?.median ?? {})) {
    if (result.otherLoadPercent > MAX_OTHER_LOAD_PERCENT) {
      warnings.push(
        `Join storm on ${SERVERS[result.server].name}: other processes used ` +
          `${result.otherLoadPercent.toFixed(0)} % of a core.`,
      )
    }
  }
  for (const result of Object.values(measured.coldLoad ?? {})) {
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

/** The warnings of each server's median run of a load scenario. */
function workloadWarnings<K extends ServerKind>(
  scenario: string,
  rounds: Rounds<K, WorkloadResult> | null,
): string[] {
  return Object.values<WorkloadResult>(rounds?.median ?? {}).flatMap((result) => {
    const where = `${scenario} on ${SERVERS[result.server].name}`
    const disturbance = disturbanceOf(result)
    return [
      ...(disturbance ? [`${where}: ${disturbance}; tails are noisy.`] : []),
      ...(result.connectionDrops > 0
        ? [
            `${where}: ${result.connectionDrops} connections dropped (close codes: ` +
              `${closeCodes(result.dropCodes)}), so its loss counts are not reliable.`,
          ]
        : []),
    ]
  })
}
