import { monitorEventLoopDelay } from 'node:perf_hooks'

/** How hard the harness itself worked while it measured. */
export interface HarnessLoad {
  /** Event-loop delay of the harness, in ms: time a received frame may have waited unread. */
  readonly loopLagMs: { readonly p50: number; readonly p99: number; readonly max: number }
  /** CPU time of the harness process over wall time, in % of one core. */
  readonly cpuPercent: number
  /**
   * True when the harness was too busy to trust the latencies: they then include time frames
   * sat in the harness's own queue.
   */
  readonly saturated: boolean
}

/** Sampling interval of the event-loop delay, in ms. */
const RESOLUTION_MS = 2
/** Above this event-loop delay p99 (ms) the harness, not the server, may set the latency. */
const MAX_LOOP_LAG_P99_MS = 10
/** Above this CPU use the harness has no slack left to read frames as they arrive. */
const MAX_CPU_PERCENT = 90

/** Watches the harness's own event loop and CPU while a scenario measures. */
export class HarnessMonitor {
  private readonly delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  private startCpu: NodeJS.CpuUsage | undefined
  private startedAt = 0

  start(): void {
    this.delay.reset()
    this.delay.enable()
    this.startCpu = process.cpuUsage()
    this.startedAt = performance.now()
  }

  stop(): HarnessLoad {
    this.delay.disable()
    const cpu = process.cpuUsage(this.startCpu)
    const wallSeconds = (performance.now() - this.startedAt) / 1000
    const cpuPercent = ((cpu.user + cpu.system) / 1e6 / wallSeconds) * 100
    // The histogram holds whole timer intervals; the lag is what exceeds the interval asked for.
    const lag = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS)
    const loopLagMs = {
      p50: lag(this.delay.percentile(50)),
      p99: lag(this.delay.percentile(99)),
      max: lag(this.delay.max),
    }
    return {
      loopLagMs,
      cpuPercent,
      saturated: loopLagMs.p99 > MAX_LOOP_LAG_P99_MS || cpuPercent > MAX_CPU_PERCENT,
    }
  }
}
