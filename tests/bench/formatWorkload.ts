import type { Rounds } from './interleavedRounds'
import { closeCodes, distribution, fixed, pair, table } from './reportTable'
import { SERVERS, type ServerKind } from './serverProcess'
import type { Deliveries, WorkloadResult } from './workloadScenario'
import { headlineOf, type Workload } from './workloads'

/** What a workload does, in one line. */
export function describeWorkload(w: Workload): string {
  const where =
    w.rooms === 1 ? `${w.people} clients in one room` : `${w.rooms} rooms × ${w.people} people`
  const perRoom = w.rooms === 1 ? '' : ' per room'
  const doing = [
    ...(w.writers > 0 && w.shapeHz > 0
      ? [`${w.writers === w.people ? 'everyone' : w.writers} moving a shape at ${w.shapeHz} Hz`]
      : []),
    ...(w.cursorHz > 0 ? [`everyone moving a cursor at ${w.cursorHz} Hz`] : []),
  ]
  return (
    `${where} (${w.fullClients} full Yjs client${w.fullClients === 1 ? '' : 's'}${perRoom}, ` +
    `the others light), ${doing.join(', ')}; ${w.measureMs / 1000} s measured after ` +
    `${w.warmupMs / 1000} s warm-up`
  )
}

/**
 * A load scenario's table: one column per server, figures from each server's median round
 * (by the workload's headline p99, listed for every round in the first row). `nameOf` heads a
 * column: the server's name unless told otherwise (the cluster scenario's kinds are setups).
 */
export function formatWorkload<K extends string>(
  title: string,
  rounds: Rounds<K, WorkloadResult>,
  kinds: readonly K[],
  nameOf: (kind: K) => string = (kind) => SERVERS[kind as string as ServerKind].name,
): string[] {
  const first = rounds.median[kinds[0] as K]
  const headline = headlineOf(first.workload)
  const shapes = headline === 'shapes'
  const cursors = first.workload.cursorHz > 0
  const p99Of = (run: WorkloadResult) =>
    headline === 'shapes' ? run.shapeLatencyMs.p99 : run.cursorLatencyMs.p99
  const row = (label: string, cell: (result: WorkloadResult) => string) => [
    label,
    ...kinds.map((kind) => cell(rounds.median[kind])),
  ]
  return [
    `${title}: ${describeWorkload(first.workload)}`,
    `  Figures are from each server's median round of ${rounds.runs[kinds[0] as K].length}.`,
    table([
      ['', ...kinds.map(nameOf)],
      [
        `${headline === 'shapes' ? 'shape' : 'cursor'} latency p99 of each round (ms)`,
        ...kinds.map((kind) => rounds.runs[kind].map((run) => fixed(p99Of(run))).join(', ')),
      ],
      ...(shapes
        ? [
            row('shape latency p50 / p99 / max (ms)', (r) => distribution(r.shapeLatencyMs)),
            row('shape updates in → out per s', (r) => rates(r.shapeUpdates)),
          ]
        : []),
      ...(cursors
        ? [
            row('cursor latency p50 / p99 / max (ms)', (r) => distribution(r.cursorLatencyMs)),
            row('cursor updates in → out per s', (r) => rates(r.cursorUpdates)),
          ]
        : []),
      [
        `lost deliveries${shapes && cursors ? ', shape / cursor' : ''}, each round`,
        ...kinds.map((kind) =>
          rounds.runs[kind]
            .map((run) =>
              [
                ...(shapes ? [run.shapeUpdates.lost] : []),
                ...(cursors ? [run.cursorUpdates.lost] : []),
              ].join(' / '),
            )
            .join(', '),
        ),
      ],
      row('connections dropped', (r) =>
        r.connectionDrops > 0 ? `${r.connectionDrops} (${closeCodes(r.dropCodes)})` : '0',
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
      row('load average (1 min) when measuring began', (r) => fixed(r.loadAverage)),
      row('harness saturated', (r) => (r.harness.saturated ? 'YES: latencies unreliable' : 'no')),
    ]),
  ]
}

function rates(d: Deliveries): string {
  return `${fixed(d.sentPerSecond)} → ${fixed(d.deliveredPerSecond)}`
}
