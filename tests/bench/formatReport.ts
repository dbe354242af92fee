import type { BenchSummary, ColdLoadKind } from './benchSummary'
import type { ColdLoadResult } from './coldLoadScenario'
import type { ExportResult } from './exportScenario'
import type { Deliveries, LatencyResult } from './latencyScenario'
import { summarize, type Distribution } from './percentiles'
import { SERVERS, type ServerKind } from './serverProcess'

const KINDS: readonly ServerKind[] = ['commonmap', 'commonmap-no-ledger', 'reference']
const COLD_LOAD_KINDS: readonly ColdLoadKind[] = ['commonmap', 'reference']

/** The human-readable report of a bench run: one table per scenario, then the targets. */
export function formatReport(summary: BenchSummary): string {
  const { environment: env, latency, coldLoad } = summary
  const cold = coldLoad?.commonmap.options
  const sections = [
    `Commonmap bench, ${summary.startedAt}: Node ${env.node}, ${env.cores} × ${env.cpu}`,
    `CPU placement: ${env.pinning}${env.profiledServer ? '; Commonmap ran with --cpu-prof' : ''}`,
    '',
    ...(latency ? latencySection(latency, summary.latencyP99Runs) : ['Latency: not run.']),
    '',
    ...(coldLoad && cold
      ? [
          `Cold load: a board of ${cold.shapes.toLocaleString('en')} shapes, from a fresh client's ` +
            `connect to its sync event with every shape and, for Commonmap, the server state ` +
            `(${cold.loads} loads a round, rounds alternating which server goes first)`,
          table([
            ['', ...COLD_LOAD_KINDS.map((kind) => SERVERS[kind].name)],
            ...coldLoadRows(coldLoad),
          ]),
          '  Commonmap: load 1 after the server unloaded the idle room, the others after a restart;',
          '  all read the board from SQLite. Reference: the document stays in memory, so its loads are',
          '  syncs of a loaded document, not cold from disk.',
          '',
        ]
      : ['Cold load: not run.', '']),
    ...(summary.exports ? formatExports(summary.exports) : ['Export: not run.']),
    '',
    ...formatTargets(summary.targets),
    ...(summary.warnings.length
      ? ['', 'Warnings', ...summary.warnings.map((w) => `  ! ${w}`)]
      : []),
  ]
  return sections.join('\n')
}

function latencySection(
  latency: Record<ServerKind, LatencyResult>,
  p99Runs: BenchSummary['latencyP99Runs'],
): string[] {
  const lat = latency.commonmap.options
  return [
    `Latency: ${lat.clients} clients in one room, ${lat.movers} moving a shape at ${lat.shapeHz} Hz, ` +
      `all moving a cursor at ${lat.cursorHz} Hz; ${lat.measureMs / 1000} s measured after ` +
      `${lat.warmupMs / 1000} s warm-up`,
    `  Figures are from each server's median round of ${p99Runs.commonmap.length}.`,
    table([
      ['', ...KINDS.map((kind) => SERVERS[kind].name)],
      [
        'shape latency p99 of each round (ms)',
        ...KINDS.map((kind) => p99Runs[kind].map(fixed).join(', ')),
      ],
      ...latencyRows(latency),
    ]),
  ]
}

/** The export scenario's table: each run's time, the median and the file size. */
export function formatExports({ options, pdf, bundle }: ExportResult): string[] {
  const row = (label: string, times: ExportResult['pdf']) => [
    label,
    times.ms.map((ms) => fixed(ms / 1000)).join(', '),
    fixed(times.median / 1000),
    fixed(times.bytes / 1e6),
  ]
  return [
    `Export: a board of ${options.shapes.toLocaleString('en')} shapes in Chromium, from the ` +
      `button press to the download (${options.runs} runs)`,
    table([
      ['', 'each run (s)', 'median (s)', 'file (MB)'],
      row('PDF report', pdf),
      row('bundle (zip)', bundle),
    ]),
  ]
}

/** The targets, one line each, PASS or FAIL first. */
export function formatTargets(targets: BenchSummary['targets']): string[] {
  return [
    'Targets',
    ...targets.map(
      (target) =>
        `  ${target.pass ? 'PASS' : 'FAIL'}  ${target.name}: ` +
        `${fixed(target.value)} ${target.unit} (limit ${fixed(target.limit)} ${target.unit})`,
    ),
  ]
}

function latencyRows(latency: Record<ServerKind, LatencyResult>): string[][] {
  const row = (label: string, cell: (result: LatencyResult) => string) => [
    label,
    ...KINDS.map((kind) => cell(latency[kind])),
  ]
  return [
    row('shape latency p50 / p99 / max (ms)', (r) => distribution(r.shapeLatencyMs)),
    row('cursor latency p50 / p99 / max (ms)', (r) => distribution(r.cursorLatencyMs)),
    row('shape updates in → out per s', (r) => rates(r.shapeUpdates)),
    row('cursor updates in → out per s', (r) => rates(r.cursorUpdates)),
    row(
      'lost deliveries, shape / cursor',
      (r) => `${r.shapeUpdates.lost} / ${r.cursorUpdates.lost}`,
    ),
    row('server output (MB/s)', (r) => fixed(r.deliveredMBPerSecond)),
    row('server CPU mean / max (% of a core)', (r) =>
      pair(r.serverUsage.cpuPercentMean, r.serverUsage.cpuPercentMax),
    ),
    row('server RSS max while measured / since start (MB)', (r) =>
      pair(r.serverUsage.rssMaxMb, r.serverUsage.peakRssMb),
    ),
    row('harness loop lag p50 / p99 / max (ms)', (r) => distribution(r.harness.loopLagMs)),
    row('harness CPU (% of a core)', (r) => fixed(r.harness.cpuPercent)),
    row('other load on the machine (% of a core)', (r) => fixed(r.otherLoadPercent)),
    row('harness saturated', (r) => (r.harness.saturated ? 'YES: latencies unreliable' : 'no')),
  ]
}

function coldLoadRows(coldLoad: Record<ColdLoadKind, ColdLoadResult>): string[][] {
  const row = (label: string, cell: (result: ColdLoadResult) => string) => [
    label,
    ...COLD_LOAD_KINDS.map((kind) => cell(coldLoad[kind])),
  ]
  const medianOf = (values: number[]) => summarize(values).p50
  return [
    row('each load (ms)', (r) => r.loads.map((load) => fixed(load.syncedMs)).join(', ')),
    row('median / max (ms)', (r) => pair(r.syncedMs.p50, r.syncedMs.max)),
    row('  of which until sync step 2 arrived, median', (r) =>
      fixed(medianOf(r.loads.map((load) => load.syncFrameMs))),
    ),
    row('sync step 2 size (MB)', (r) => fixed((r.loads[0]?.syncFrameBytes ?? NaN) / 1e6)),
    row('server rebuild of the document, median (ms)', (r) =>
      r.loads.some((load) => load.restore)
        ? fixed(medianOf(r.loads.map((load) => load.restore?.ms ?? NaN)))
        : 'n/a',
    ),
    row('server RSS after the load, median / max (MB)', (r) =>
      pair(r.serverRssMb.p50, r.serverRssMb.max),
    ),
    row('server peak RSS, max (MB)', (r) =>
      fixed(Math.max(...r.loads.map((load) => load.serverPeakRssMb))),
    ),
  ]
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  )
  return rows
    .map((row) => `  ${row.map((cell, column) => cell.padEnd(widths?.[column] ?? 0)).join('   ')}`)
    .join('\n')
}

function distribution(d: Pick<Distribution, 'p50' | 'p99' | 'max'>): string {
  return `${fixed(d.p50)} / ${fixed(d.p99)} / ${fixed(d.max)}`
}

function rates(d: Deliveries): string {
  return `${fixed(d.sentPerSecond)} → ${fixed(d.deliveredPerSecond)}`
}

function pair(a: number, b: number): string {
  return `${fixed(a)} / ${fixed(b)}`
}

/** Three significant figures at most, whole numbers from 100 up: enough to compare runs. */
function fixed(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en')
  return value.toPrecision(3).replace(/\.?0+$/, '')
}
