import { ownerOf } from '../../deploy/cluster/ownerOf'
import { startCluster, type Cluster } from '../../deploy/cluster/startCluster'
import { SERVER_BUILD, SERVER_NODE_OPTIONS } from '../../server/ensureBuilt'
import { GENEROUS_LIMITS } from '../helpers/startServer'
import { interleavedRounds, type Rounds } from './interleavedRounds'
import { ProcSampler } from './procStats'
import { createRoomOn, tokenOn, type WorkloadTarget } from './serverProcess'
import { runWorkload, type WorkloadResult } from './workloadScenario'
import { MANY_BOARDS, type Workload } from './workloads'

/** The two ways the workshop is served: one process on SQLite, three behind HAProxy. */
export const CLUSTER_KINDS = ['one-process', 'cluster'] as const
export type ClusterKind = (typeof CLUSTER_KINDS)[number]

/** Many small workshops spread over the three processes: 300 boards of 5 people. */
export const CLUSTER_MANY_BOARDS: Workload = { ...MANY_BOARDS, rooms: 300 }

/** One process of the cluster during the many-boards run. */
export interface ClusterProcessUsage {
  readonly number: number
  /** The most memory it held while the boards were open, in MB. */
  readonly rssMaxMb: number
  /** Its mean CPU over the whole run, the boards filling included, in % of one core. */
  readonly cpuPercent: number
  /** How many of the boards it served. */
  readonly boards: number
}

/** What the cluster scenario measured. */
export interface ClusterBench {
  /** The 50-person workshop on each kind, in interleaved rounds. */
  readonly workshop: Rounds<ClusterKind, WorkloadResult>
  /** {@link CLUSTER_MANY_BOARDS} through HAProxy, and what each process used meanwhile. */
  readonly manyBoards: WorkloadResult
  readonly processes: readonly ClusterProcessUsage[]
}

/**
 * The cluster as one server seen by the clients: everything through HAProxy. Its `pid`, which
 * the workload samples, is the process serving the board made last (the workshop's only one).
 */
function throughProxy(cluster: Cluster): WorkloadTarget {
  let lastRoom = ''
  return {
    kind: 'commonmap',
    url: cluster.url,
    get pid() {
      return (ownerOf(cluster.processes, lastRoom) ?? cluster.processes[0])?.pid ?? 0
    },
    createRoom: async () => (lastRoom = await createRoomOn('commonmap', cluster.url)),
    tokenFor: (room, n) => tokenOn('commonmap', cluster.url, room, n),
  }
}

/**
 * Three Commonmap processes, compiled as `npm start` runs them, on one PostgreSQL with fsync on,
 * behind HAProxy (`deploy/haproxy.cfg`): the workshop against one process on SQLite
 * (`onOneProcess`), in interleaved rounds, then {@link CLUSTER_MANY_BOARDS} on the cluster.
 */
export async function runClusterScenario({
  workshop,
  rounds,
  onOneProcess,
  progress,
}: {
  readonly workshop: Workload
  readonly rounds: number
  readonly onOneProcess: (round: number) => Promise<WorkloadResult>
  readonly progress: (line: string) => void
}): Promise<ClusterBench> {
  progress('Starting PostgreSQL, three Commonmap processes and HAProxy…')
  // Every client comes from this one address, as on the one-process side (serverProcess.ts).
  const cluster = await startCluster({
    nodeArgs: [...SERVER_NODE_OPTIONS, SERVER_BUILD.output],
    env: GENEROUS_LIMITS,
  })
  try {
    const workshopRounds = await interleavedRounds(
      CLUSTER_KINDS,
      rounds,
      (kind, round) => {
        if (kind === 'one-process') return onOneProcess(round)
        progress(`Cluster: the workshop through HAProxy, round ${round + 1}…`)
        return runWorkload(throughProxy(cluster), workshop)
      },
      (run) => run.shapeLatencyMs.p99,
    )
    progress(
      `Cluster: ${CLUSTER_MANY_BOARDS.rooms} boards × ${CLUSTER_MANY_BOARDS.people} people through HAProxy…`,
    )
    const marks = cluster.processes.map((process) => process.logs.length)
    const samplers = cluster.processes.map((process) => new ProcSampler(process.pid ?? 0))
    for (const sampler of samplers) sampler.start()
    const manyBoards = await runWorkload(throughProxy(cluster), CLUSTER_MANY_BOARDS)
    const usage = samplers.map((sampler) => sampler.stop())
    return {
      workshop: workshopRounds,
      manyBoards,
      processes: cluster.processes.map((process, i) => ({
        number: process.number,
        rssMaxMb: usage[i]?.rssMaxMb ?? Number.NaN,
        cpuPercent: usage[i]?.cpuPercentMean ?? Number.NaN,
        boards: new Set(
          process.logs
            .slice(marks[i])
            .filter((line) => line.event === 'board.taken')
            .map((line) => line.boardId),
        ).size,
      })),
    }
  } finally {
    await cluster.stop()
  }
}
