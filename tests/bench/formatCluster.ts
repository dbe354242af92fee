import type { ClusterBench, ClusterKind } from './clusterScenario'
import { CLUSTER_KINDS } from './clusterScenario'
import { describeWorkload, formatWorkload } from './formatWorkload'
import { distribution, fixed, table } from './reportTable'

const NAMES: Record<ClusterKind, string> = {
  'one-process': 'One process, SQLite',
  cluster: 'Three processes, PostgreSQL, HAProxy',
}

/** The cluster scenario's report: the workshop on both setups, then many boards on three. */
export function formatCluster(bench: ClusterBench): string[] {
  const many = bench.manyBoards
  return [
    ...formatWorkload(
      'Cluster: the workshop',
      bench.workshop,
      CLUSTER_KINDS,
      (kind) => NAMES[kind],
    ),
    '',
    `Cluster: ${describeWorkload(many.workload)}, through HAProxy on three processes`,
    table([
      ['shape latency p50 / p99 / max (ms)', distribution(many.shapeLatencyMs)],
      [
        'shape updates lost',
        `${many.shapeUpdates.lost} of ${many.shapeUpdates.expected.toLocaleString('en')}`,
      ],
      ['connections dropped', String(many.connectionDrops)],
      ['harness loop lag p50 / p99 / max (ms)', distribution(many.harness.loopLagMs)],
      ['harness saturated', many.harness.saturated ? 'YES: latencies unreliable' : 'no'],
      ['load average (1 min) when measuring began', fixed(many.loadAverage)],
    ]),
    table([
      ['', 'boards served', 'RSS max (MB)', 'CPU mean over the run (% of a core)'],
      ...bench.processes.map((process) => [
        `process ${process.number}`,
        String(process.boards),
        fixed(process.rssMaxMb),
        fixed(process.cpuPercent),
      ]),
    ]),
    '  HAProxy, PostgreSQL (fsync on), the three processes and the clients share one machine:',
    '  the cluster figures say what the extra hop and the database cost, not what three',
    '  machines would do.',
  ]
}
