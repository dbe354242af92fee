import type { BenchSummary, LatencyKind, PeerKind } from './benchSummary'
import type { ColdLoadResult } from './coldLoadScenario'
import type { ExportResult } from './exportScenario'
import { isEveryAttack } from './benchArgs'
import type { HostileKind, HostileResult } from './hostileScenario'
import { formatWorkload } from './formatWorkload'
import { formatPageWeight } from './pageWeightScenario'
import type { IdleResult } from './idleScenario'
import type { Rounds } from './interleavedRounds'
import type { JoinStormResult } from './joinStormScenario'
import { summarize } from './percentiles'
import { distribution, fixed, pair, table } from './reportTable'
import { SERVERS } from './serverProcess'

const LATENCY_KINDS: readonly LatencyKind[] = ['commonmap', 'commonmap-no-ledger', 'reference']
const PEER_KINDS: readonly PeerKind[] = ['commonmap', 'reference', 'hocuspocus']

/** The human-readable report of a bench run: one table per scenario, then the targets. */
export function formatReport(summary: BenchSummary): string {
  const { environment: env } = summary
  const loads = (figures: readonly number[]) => figures.map(fixed).join(', ')
  const sections = [
    `Commonmap bench, ${summary.startedAt}: Node ${env.node}, ${env.cores} × ${env.cpu}`,
    `CPU placement: ${env.pinning}${env.profiledServer ? '; Commonmap ran with --cpu-prof' : ''}`,
    `Load average (1, 5, 15 min): ${loads(env.loadAverage.atStart)} at the start, ` +
      `${loads(env.loadAverage.atEnd)} at the end`,
    '',
    ...(summary.latency
      ? formatWorkload('Latency', summary.latency, LATENCY_KINDS)
      : ['Latency: not run.']),
    '',
    ...(summary.manyBoards
      ? formatWorkload('Many boards', summary.manyBoards, PEER_KINDS)
      : ['Many boards: not run.']),
    '',
    ...(summary.oneRoom
      ? summary.oneRoom.flatMap(({ connections, rounds }) => [
          ...formatWorkload(`One room at ${connections}`, rounds, PEER_KINDS),
          '',
        ])
      : ['One room: not run.', '']),
    ...(summary.cursors
      ? formatWorkload('Cursors', summary.cursors, PEER_KINDS)
      : ['Cursors: not run.']),
    '',
    ...(summary.joinStorm ? formatJoinStorm(summary.joinStorm) : ['Join storm: not run.']),
    '',
    ...(summary.coldLoad ? formatColdLoad(summary.coldLoad) : ['Cold load: not run.']),
    '',
    ...(summary.idle ? formatIdle(summary.idle) : ['Idle server: not run.']),
    '',
    ...(summary.hostile ? formatHostile(summary.hostile) : ['Hostile neighbour: not run.']),
    '',
    ...(summary.exports ? formatExports(summary.exports) : ['Export: not run.']),
    '',
    ...(summary.pageWeight ? formatPageWeight(summary.pageWeight) : ['Page weight: not run.']),
    '',
    ...formatTargets(summary.targets),
    ...(summary.warnings.length
      ? ['', 'Warnings', ...summary.warnings.map((w) => `  ! ${w}`)]
      : []),
  ]
  return sections.join('\n')
}

function formatHostile(rounds: Rounds<HostileKind, HostileResult>): string[] {
  const kinds: readonly HostileKind[] = ['quiet', 'neighbour']
  const row = (label: string, cell: (result: HostileResult) => string) => [
    label,
    ...kinds.map((kind) => cell(rounds.median[kind])),
  ]
  const answers = rounds.median.neighbour.neighbour
  return [
    'Hostile neighbour: the 50-person workshop alone, and while another board on the same ' +
      'server gets, in waves every 2 s, five "adding for" messages of a whole frame, an 8 MiB ' +
      'frame, the largest change a message carries, a 30 MB hostile PNG to open and twenty ' +
      'exports of a 1,000-card board; /healthz asked every 10 ms throughout',
    ...(!isEveryAttack(rounds.median.neighbour.attacks)
      ? [
          `  Only these attacks were sent (--attacks): ${rounds.median.neighbour.attacks.join(', ')}.`,
        ]
      : []),
    `  Figures are from each run's median round of ${rounds.runs.quiet.length}.`,
    table([
      ['', 'workshop alone', 'beside the neighbour'],
      [
        'shape latency p99 of each round (ms)',
        ...kinds.map((kind) =>
          rounds.runs[kind].map((run) => fixed(run.workshop.shapeLatencyMs.p99)).join(', '),
        ),
      ],
      row('shape latency p50 / p99 / max (ms)', (r) => distribution(r.workshop.shapeLatencyMs)),
      row('shape deliveries lost', (r) => fixed(r.workshop.shapeUpdates.lost)),
      row('/healthz p50 / p99 / max (ms)', (r) => distribution(r.healthMs)),
      row('event loop held, per 250 ms: p50 / p99 / max (ms)', (r) =>
        distribution(r.eventLoopMaxMs),
      ),
      row('other load on the machine (% of a core)', (r) => fixed(r.workshop.otherLoadPercent)),
    ]),
    ...(answers
      ? [
          `  The neighbour sent ${answers.waves} waves, answered: ` +
            Object.entries(answers.answers)
              .map(([what, count]) => `${what} × ${count}`)
              .join(', '),
        ]
      : []),
  ]
}

function formatJoinStorm(rounds: Rounds<PeerKind, JoinStormResult>): string[] {
  const { options } = rounds.median.commonmap
  const row = (label: string, cell: (result: JoinStormResult) => string) => [
    label,
    ...PEER_KINDS.map((kind) => cell(rounds.median[kind])),
  ]
  return [
    `Join storm: ${options.joiners} people opening a loaded board of ` +
      `${options.shapes.toLocaleString('en')} shapes at once, each timed from opening its socket ` +
      `to synced (the sync answer and, for Commonmap, the server state; light clients)`,
    `  Figures are from each server's median round of ${rounds.runs.commonmap.length}.`,
    table([
      ['', ...PEER_KINDS.map((kind) => SERVERS[kind].name)],
      [
        'time to synced p99 of each round (ms)',
        ...PEER_KINDS.map((kind) =>
          rounds.runs[kind].map((run) => fixed(run.syncedMs.p99)).join(', '),
        ),
      ],
      row('time to synced p50 / p99 / max (ms)', (r) => distribution(r.syncedMs)),
      row('whole storm (ms)', (r) => fixed(r.stormMs)),
      row('server CPU time in the storm (ms)', (r) => fixed(r.serverCpuMs)),
      row('server RSS after / peak since start (MB)', (r) =>
        pair(r.serverRssMb, r.serverPeakRssMb),
      ),
      row('other load on the machine (% of a core)', (r) => fixed(r.otherLoadPercent)),
      row('load average (1 min) when it began', (r) => fixed(r.loadAverage)),
    ]),
  ]
}

function formatColdLoad(coldLoad: Record<PeerKind, ColdLoadResult>): string[] {
  const cold = coldLoad.commonmap.options
  const row = (label: string, cell: (result: ColdLoadResult) => string) => [
    label,
    ...PEER_KINDS.map((kind) => cell(coldLoad[kind])),
  ]
  const medianOf = (values: number[]) => summarize(values).p50
  return [
    `Cold load: a board of ${cold.shapes.toLocaleString('en')} shapes, from a fresh client's ` +
      `connect to its sync event with every shape and, for Commonmap, the server state ` +
      `(${cold.loads} loads a round, rounds rotating which server goes first)`,
    table([
      ['', ...PEER_KINDS.map((kind) => SERVERS[kind].name)],
      row('each load (ms)', (r) => r.loads.map((load) => fixed(load.syncedMs)).join(', ')),
      row('median / max (ms)', (r) => pair(r.syncedMs.p50, r.syncedMs.max)),
      row('after a restart, median (ms)', (r) => {
        const restarted = r.loads.filter((load) => load.eviction === 'restarted')
        return restarted.length ? fixed(medianOf(restarted.map((load) => load.syncedMs))) : 'n/a'
      }),
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
    ]),
    '  Commonmap: load 1 after the server unloaded the idle room, the others after a restart;',
    '  all read the board from SQLite. The reference server and Hocuspocus keep documents in',
    '  memory only (a restart loses them), so their loads are syncs of a loaded document, not',
    '  cold from disk; Hocuspocus keeps one client on the board, or it would drop it.',
  ]
}

function formatIdle(rounds: Rounds<PeerKind, IdleResult>): string[] {
  const each = (kind: PeerKind, figure: (result: IdleResult) => number) =>
    rounds.runs[kind].map((run) => fixed(figure(run))).join(', ')
  const median = (kind: PeerKind, figure: (result: IdleResult) => number) =>
    fixed(summarize(rounds.runs[kind].map(figure)).p50)
  const row = (label: string, cell: (kind: PeerKind) => string) => [label, ...PEER_KINDS.map(cell)]
  return [
    'Idle server: a fresh process with nothing loaded (Commonmap compiled, as npm start runs it)',
    table([
      ['', ...PEER_KINDS.map((kind) => SERVERS[kind].name)],
      row('RSS 2 s after its first answer, each round (MB)', (kind) =>
        each(kind, (run) => run.rssMb),
      ),
      row('  median (MB)', (kind) => median(kind, (run) => run.rssMb)),
      row('start to /healthz, each round (ms)', (kind) => each(kind, (run) => run.readyMs)),
      row('  median (ms)', (kind) => median(kind, (run) => run.readyMs)),
      row('load average (1 min), each round', (kind) => each(kind, (run) => run.loadAverage)),
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
