import { setTimeout as sleep } from 'node:timers/promises'
import type { BenchClient, MeasureWindow } from './BenchClient'
import { HarnessMonitor, type HarnessLoad } from './HarnessMonitor'
import { MoverClient } from './MoverClient'
import { boardSocketUrl } from './openProvider'
import { summarize, type Distribution } from './percentiles'
import { ProcSampler, watchOtherLoad, type ProcUsage } from './procStats'
import { SERVERS, type ServerKind, type ServerProcess } from './serverProcess'
import { SinkClient } from './SinkClient'

/** The workshop the latency scenario plays. */
export interface LatencyOptions {
  /** Everyone in the room. */
  readonly clients: number
  /** How many of them drag a shape (full Yjs clients that also measure). */
  readonly movers: number
  /** Shape moves per second per mover. */
  readonly shapeHz: number
  /** Cursor moves per second per client. */
  readonly cursorHz: number
  /** Load before measuring, so JIT and socket buffers settle, in ms. */
  readonly warmupMs: number
  /** How long sends are measured, in ms. */
  readonly measureMs: number
  /** Time after the last send for late deliveries to arrive before losses are counted, in ms. */
  readonly drainMs: number
}

/** A 50-person workshop: 10 people dragging shapes, everyone's cursor moving. */
export const WORKSHOP: LatencyOptions = {
  clients: 50,
  movers: 10,
  shapeHz: 20,
  cursorHz: 10,
  warmupMs: 3000,
  measureMs: 20_000,
  drainMs: 1000,
}

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

/** What one server did in the latency scenario. */
export interface LatencyResult {
  readonly server: ServerKind
  readonly options: LatencyOptions
  /** From a mover's shape write to its arrival at each other mover. */
  readonly shapeLatencyMs: Distribution
  /** From any client's cursor move to its arrival at each mover. */
  readonly cursorLatencyMs: Distribution
  readonly shapeUpdates: Deliveries
  readonly cursorUpdates: Deliveries
  /** Bytes all clients received per second: what the server wrote. */
  readonly deliveredMBPerSecond: number
  /** Connections lost during the run; any makes the loss counts unreliable. */
  readonly connectionDrops: number
  readonly serverUsage: ProcUsage
  readonly harness: HarnessLoad
  /** CPU used by other processes meanwhile, in % of one core (see `watchOtherLoad`). */
  readonly otherLoadPercent: number
}

/**
 * Fills one room with `clients` clients and measures update propagation. The movers are full
 * Yjs clients; everyone else is a lightweight {@link SinkClient}. Counting starts with the first
 * send (all clients have joined by then), so every expected delivery is accounted for; latency
 * and CPU are measured only in the window after the warm-up.
 */
export async function runLatencyScenario(
  server: ServerProcess,
  options: LatencyOptions = WORKSHOP,
): Promise<LatencyResult> {
  const room = await server.createRoom()
  const window: MeasureWindow = { from: Infinity, until: Infinity }
  // Everyone joins first, as people do in a workshop: one participant and token each.
  const tokens = await Promise.all(
    Array.from({ length: options.clients }, (_, n) => server.tokenFor(room, n)),
  )
  const movers = await Promise.all(
    Array.from({ length: options.movers }, (_, n) =>
      MoverClient.connect(server.url, room, n, window, tokens[n]),
    ),
  )
  const sinks = await Promise.all(
    Array.from({ length: options.clients - options.movers }, (_, i) =>
      SinkClient.connect(
        boardSocketUrl(server.url, room, tokens[options.movers + i]),
        options.movers + i,
      ),
    ),
  )
  const clients: BenchClient[] = [...movers, ...sinks]
  try {
    // Let joining settle (everyone's first awareness state, the movers' shapes) before counting.
    await sleep(500)
    for (const client of clients) client.received.reset()
    const shapesBefore = sum(movers, (mover) => mover.shapesSent)
    const cursorsBefore = sum(clients, (client) => client.cursorsSent)
    const sendingFrom = performance.now()
    const stopSending = [
      ...movers.map((mover) => every(1000 / options.shapeHz, (k) => mover.moveShape(...orbit(k)))),
      ...clients.map((client) =>
        every(1000 / options.cursorHz, (k) => client.moveCursor(...orbit(k))),
      ),
    ]

    await sleep(options.warmupMs)
    const serverSampler = new ProcSampler(server.pid)
    const harnessMonitor = new HarnessMonitor()
    window.from = performance.now()
    serverSampler.start()
    harnessMonitor.start()
    const otherLoad = watchOtherLoad(server.pid)
    await sleep(options.measureMs)
    for (const stop of stopSending) stop()
    window.until = performance.now()
    const serverUsage = serverSampler.stop()
    const harness = harnessMonitor.stop()
    const otherLoadPercent = otherLoad()
    await sleep(options.drainMs)

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
      options,
      shapeLatencyMs: summarize(movers.flatMap((mover) => mover.shapeLatencies)),
      cursorLatencyMs: summarize(movers.flatMap((mover) => mover.cursorLatencies)),
      shapeUpdates: deliveries(
        sum(movers, (mover) => mover.shapesSent) - shapesBefore,
        SERVERS[server.kind].echoesDocUpdates ? clients.length : clients.length - 1,
        sum(clients, (client) => client.received.docUpdates),
      ),
      cursorUpdates: deliveries(
        sum(clients, (client) => client.cursorsSent) - cursorsBefore,
        // Both servers echo awareness: y-websocket takes its echo as a sign the link is alive.
        clients.length,
        sum(clients, (client) => client.received.awareness),
      ),
      deliveredMBPerSecond: sum(clients, (client) => client.received.bytes) / 1e6 / sendingSeconds,
      connectionDrops: sum(clients, (client) => client.drops),
      serverUsage,
      harness,
      otherLoadPercent,
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
