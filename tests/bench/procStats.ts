import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** One reading of a process's CPU time and memory from /proc (Linux only). */
export interface ProcStats {
  /** User plus system CPU time used so far, in seconds, over all its threads. */
  readonly cpuSeconds: number
  /** Resident set size now (VmRSS), in MB. */
  readonly rssMb: number
  /** Highest resident set size since the process started (VmHWM), in MB. */
  readonly peakRssMb: number
}

/** What a {@link ProcSampler} saw between `start` and `stop`. */
export interface ProcUsage {
  /** CPU time over wall time, in % of one core. */
  readonly cpuPercentMean: number
  /** The busiest one-second sample, in % of one core. */
  readonly cpuPercentMax: number
  /** Highest RSS sampled in the window, in MB. */
  readonly rssMaxMb: number
  /** Highest RSS since the process started (VmHWM), in MB: catches peaks between samples. */
  readonly peakRssMb: number
}

// utime and stime are counted in clock ticks; USER_HZ is 100 on every common Linux build.
const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** Reads `pid`'s CPU time from /proc/<pid>/stat and its RSS from /proc/<pid>/status. */
export function readProcStats(pid: number): ProcStats {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) is in parentheses and may contain spaces; count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12]) // fields 14 (utime) and 15 (stime)
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return {
    cpuSeconds: ticks / clockTicksPerSecond,
    rssMb: statusKb(status, 'VmRSS') / 1024,
    peakRssMb: statusKb(status, 'VmHWM') / 1024,
  }
}

/**
 * Starts watching the CPU time of the whole machine, the server `serverPid` and this process.
 * The returned function gives what everything else used since, in % of one core: other processes
 * on a shared machine take time from the cores the bench pinned its processes to, and make its
 * figures noisy. (Kernel work for loopback traffic is mostly charged to the processes.)
 */
export function watchOtherLoad(serverPid: number): () => number {
  const busy = () =>
    readMachineBusySeconds() - readProcStats(serverPid).cpuSeconds - ownCpuSeconds()
  const started = { busy: busy(), at: performance.now() }
  return () => {
    const percent = ((busy() - started.busy) / ((performance.now() - started.at) / 1000)) * 100
    // /proc counts in 10 ms ticks, so an idle machine can come out a little below zero.
    return Math.max(0, percent)
  }
}

function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

function readMachineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] as string
  // cpu  user nice system idle iowait irq softirq steal …
  const [user, nice, system, , , irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number)
  const ticks = [user, nice, system, irq, softirq, steal].reduce<number>((a, b) => a + (b ?? 0), 0)
  return ticks / clockTicksPerSecond
}

function statusKb(status: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)
  if (!match) throw new Error(`/proc status has no ${key}`)
  return Number(match[1])
}

/**
 * Samples a process every second: CPU % per sample and RSS. One second is coarse enough that
 * reading /proc costs the harness nothing, and fine enough to see a busy second.
 */
export class ProcSampler {
  private readonly cpuPercents: number[] = []
  private rssMaxMb = 0
  private first: { stats: ProcStats; at: number } | undefined
  private last: { stats: ProcStats; at: number } | undefined
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly pid: number) {}

  start(): void {
    this.first = this.last = this.sample()
    this.timer = setInterval(() => this.sample(), 1000)
  }

  stop(): ProcUsage {
    clearInterval(this.timer)
    const end = this.sample()
    const first = this.first
    if (!first) throw new Error('ProcSampler.stop() before start()')
    return {
      cpuPercentMean:
        ((end.stats.cpuSeconds - first.stats.cpuSeconds) / ((end.at - first.at) / 1000)) * 100,
      cpuPercentMax: Math.max(...this.cpuPercents),
      rssMaxMb: this.rssMaxMb,
      peakRssMb: end.stats.peakRssMb,
    }
  }

  private sample(): { stats: ProcStats; at: number } {
    const current = { stats: readProcStats(this.pid), at: performance.now() }
    const previous = this.last
    if (previous && current.at > previous.at) {
      const seconds = (current.at - previous.at) / 1000
      this.cpuPercents.push(
        ((current.stats.cpuSeconds - previous.stats.cpuSeconds) / seconds) * 100,
      )
    }
    this.rssMaxMb = Math.max(this.rssMaxMb, current.stats.rssMb)
    this.last = current
    return current
  }
}
