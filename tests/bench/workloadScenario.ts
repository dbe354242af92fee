import { loadavg } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BenchClient, MeasureWindow } from './BenchClient'
import { HarnessMonitor, type HarnessLoad } from './HarnessMonitor'
import { mapWithLimit } from './mapWithLimit'
import { MoverClient } from './MoverClient'
import { summarize, type Distribution } from './percentiles'
import { ProcSampler, watchOtherLoad, type ProcUsage } from './procStats'
import { SERVERS, type ServerKind, type WorkloadTarget } from './serverProcess'
import { SinkClient } from './SinkClient'
import type { Workload } from './workloads'

/** How many messages of one kind were sent and how many reached their receivers. */
export interface Deliveries {
  readonly sentPerSecond: number
  readonly deliveredPerSecond: number
  /** Every send times its receivers (the sender too, where the server echoes it back). */
  readonly expected: number
  readonly delivered: number
  /** Expected but never delivered, even after the drain. */
  readonly lost: number
}

/** How many people join (through Commonmap's API) and connect at once while a room fills. */
const JOINING_AT_ONCE = 20
const CONNECTING_AT_ONCE = 50

/** What one server did with one workload. */
export interface WorkloadResult {
  readonly server: ServerKind
  readonly workload: Workload
  /** From a shape write to its frame's arrival at every other client of its room. */
  readonly shapeLatencyMs: Distribution
  /** From any client's cursor move to its arrival at each full client of its room. */
  readonly cursorLatencyMs: Distribution
  readonly shapeUpdates: Deliveries
  readonly cursorUpdates: Deliveries
  /** Bytes all clients received per second: what the server wrote. */
  readonly deliveredMBPerSecond: number
  /** Connections lost during the run; any makes the loss counts unreliable. */
  readonly connectionDrops: number
  /** How many of those drops ended with each close code. */
  readonly dropCodes: Readonly<Record<string, number>>
  readonly serverUsage: ProcUsage
  readonly harness: HarnessLoad
  /** CPU used by other processes meanwhile, in % of one core (see `watchOtherLoad`). */
  readonly otherLoadPercent: number
  /** The machine's one-minute load average when measuring began. */
  readonly loadAverage: number
}

/**
 * Fills `workload.rooms` rooms with their people and measures how their shape moves and cursor
 * moves propagate. The first people of each room are full Yjs clients, the others light
 * {@link SinkClient}s; every client counts what it receives and times shape writes as their
 * frames arrive, and the full clients time cursors too. Counting starts with the first send
 * (everyone has joined by then), so every expected delivery is accounted for; latency and CPU
 * are measured only in the window after the warm-up.
 */
export async function runWorkload(
  server: WorkloadTarget,
  workload: Workload,
): Promise<WorkloadResult> {
  const window: MeasureWindow = { from: Infinity, until: Infinity }
  const full: MoverClient[] = []
  const clients: BenchClient[] = []
  try {
    // Room by room, as people arrive at a workshop: each joins (one participant and token
    // each on Commonmap), then connects.
    for (let r = 0; r < workload.rooms; r++) {
      const room = await server.createRoom()
      const first = r * workload.people
      const numbers = Array.from({ length: workload.people }, (_, i) => first + i)
      const tokens = await mapWithLimit(numbers, JOINING_AT_ONCE, (n) => server.tokenFor(room, n))
      const people = await mapWithLimit(
        numbers,
        CONNECTING_AT_ONCE,
        (n, i): Promise<BenchClient> =>
          i < workload.fullClients
            ? MoverClient.connect(server, room, n, window, tokens[i])
            : SinkClient.connect(server, room, n, window, tokens[i]),
      )
      full.push(...people.slice(0, workload.fullClients).map((client) => client as MoverClient))
      clients.push(...people)
    }
    const writers = clients.filter((_, n) => n % workload.people < workload.writers)

    // Let joining settle (everyone's first awareness state) first. Shape writes sent before
    // counting starts are not counted by anyone, even if they arrive later (Inbox.reset).
    await sleep(500)
    const sendingFrom = performance.now()
    for (const client of clients) client.received.reset(sendingFrom)
    const shapesBefore = sum(writers, (client) => client.shapesSent)
    const cursorsBefore = sum(clients, (client) => client.cursorsSent)
    const stopSending = [
      ...(workload.shapeHz > 0 ? writers : []).map((client) =>
        every(1000 / workload.shapeHz, (k) => client.moveShape(...orbit(k))),
      ),
      ...(workload.cursorHz > 0 ? clients : []).map((client) =>
        every(1000 / workload.cursorHz, (k) => client.moveCursor(...orbit(k))),
      ),
    ]

    await sleep(workload.warmupMs)
    const loadAverage = loadavg()[0] ?? Number.NaN
    const serverSampler = new ProcSampler(server.pid)
    const harnessMonitor = new HarnessMonitor()
    window.from = performance.now()
    serverSampler.start()
    harnessMonitor.start()
    const otherLoad = watchOtherLoad(server.pid)
    await sleep(workload.measureMs)
    for (const stop of stopSending) stop()
    window.until = performance.now()
    const serverUsage = serverSampler.stop()
    const harness = harnessMonitor.stop()
    const otherLoadPercent = otherLoad()
    await sleep(workload.drainMs)

    const sendingSeconds = (window.until - sendingFrom) / 1000
    const deliveries = (sent: number, receivers: number, delivered: number): Deliveries => ({
      sentPerSecond: sent / sendingSeconds,
      deliveredPerSecond: delivered / sendingSeconds,
      expected: sent * receivers,
      delivered,
      lost: sent * receivers - delivered,
    })
    return {
      server: server.kind,
      workload,
      shapeLatencyMs: summarize(clients.flatMap((client) => client.received.shapeLatencies)),
      cursorLatencyMs: summarize(full.flatMap((client) => client.cursorLatencies)),
      shapeUpdates: deliveries(
        sum(writers, (client) => client.shapesSent) - shapesBefore,
        SERVERS[server.kind].echoesDocUpdates ? workload.people : workload.people - 1,
        sum(clients, (client) => client.received.shapeWrites),
      ),
      cursorUpdates: deliveries(
        sum(clients, (client) => client.cursorsSent) - cursorsBefore,
        // Every server echoes awareness: y-websocket takes its echo as a sign the link is alive.
        workload.people,
        // Without cursors, awareness carries only who is here, renewed now and then.
        workload.cursorHz > 0 ? sum(clients, (client) => client.received.awarenessStates) : 0,
      ),
      deliveredMBPerSecond: sum(clients, (client) => client.received.bytes) / 1e6 / sendingSeconds,
      connectionDrops: sum(clients, (client) => client.dropCodes.length),
      dropCodes: countCodes(clients.flatMap((client) => client.dropCodes)),
      serverUsage,
      harness,
      otherLoadPercent,
      loadAverage,
    }
  } finally {
    for (const client of clients) client.close()
  }
}

/**
 * Calls `tick(k)` (k = 0, 1, …) every `periodMs`, starting at a random phase within the first
 * period so that clients do not all send in the same millisecond. Returns the stop function.
 */
function every(periodMs: number, tick: (k: number) => void): () => void {
  let k = 0
  let interval: NodeJS.Timeout | undefined
  const phase = setTimeout(() => {
    interval = setInterval(() => tick(k++), periodMs)
  }, Math.random() * periodMs)
  return () => {
    clearTimeout(phase)
    clearInterval(interval)
  }
}

/** A point moving round a circle, so that every move really changes the position. */
function orbit(k: number): [number, number] {
  return [400 + 300 * Math.cos(k / 10), 300 + 200 * Math.sin(k / 10)]
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0)
}

function countCodes(codes: readonly number[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1
  return counts
}
