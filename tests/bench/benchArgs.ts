/** The scenarios of `npm run bench`, in the order a full run runs them. */
export const SCENARIOS = [
  'latency',
  'many-boards',
  'one-room',
  'cursors',
  'join-storm',
  'cold-load',
  'idle',
  'hostile',
  'export',
  'page-weight',
  'cluster',
] as const

export type Scenario = (typeof SCENARIOS)[number]

/**
 * What the hostile neighbour sends each wave (hostileNeighbour.mjs): the five "adding for"
 * messages and the 8 MiB frame, the largest change, the 30 MB PNG to open, twenty exports.
 */
export const HOSTILE_ATTACKS = ['frames', 'change', 'png', 'exports'] as const

export type HostileAttack = (typeof HOSTILE_ATTACKS)[number]

/** True when `attacks` holds every kind, as the hostile scenario's targets are set for. */
export function isEveryAttack(attacks: readonly HostileAttack[]): boolean {
  return HOSTILE_ATTACKS.every((attack) => attacks.includes(attack))
}

/** What `npm run bench -- …` was asked to do. */
export interface BenchArgs {
  readonly scenarios: ReadonlySet<Scenario>
  /** Interleaved rounds of each server scenario; the report uses each server's median round. */
  readonly rounds: number
  /** Seconds measured in each load scenario, instead of each one's own (20 s or 10 s). */
  readonly measureSeconds: number | undefined
  /** Write V8 CPU profiles of the Commonmap server. */
  readonly cpuProfile: boolean
  /** What the hostile neighbour sends (all of it by default): to see what each attack costs. */
  readonly attacks: ReadonlySet<HostileAttack>
}

/** The flags, for the error message of a wrong one. */
export const USAGE =
  'npm run bench [-- --scenario NAME[,NAME…]] [--rounds N] [--measure-seconds S] [--cpu-prof]' +
  ' [--attacks ATTACK[,ATTACK…]]' +
  ` (scenarios: ${SCENARIOS.join(', ')}; attacks of the hostile neighbour: ${HOSTILE_ATTACKS.join(', ')}; --latency-only, --cold-load-only, --export-only and --page-weight-only` +
  ' are short for one scenario)'

/** The older flags, each of which runs one scenario alone. */
const ALONE: Record<string, Scenario> = {
  '--latency-only': 'latency',
  '--cold-load-only': 'cold-load',
  '--export-only': 'export',
  '--page-weight-only': 'page-weight',
}

/** Reads the bench's flags; throws with {@link USAGE} on anything it does not know. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const chosen = new Set<Scenario>()
  const attacks = new Set<HostileAttack>()
  let rounds = 3
  let measureSeconds: number | undefined
  let cpuProfile = false
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string
    const value = () => {
      const next = argv[++i]
      if (next === undefined) throw new Error(`${flag} needs a value. Usage: ${USAGE}`)
      return next
    }
    if (flag === '--scenario') {
      for (const name of names(value(), SCENARIOS, 'scenario')) chosen.add(name)
    } else if (flag === '--attacks') {
      for (const name of names(value(), HOSTILE_ATTACKS, 'attack')) attacks.add(name)
    } else if (flag in ALONE) chosen.add(ALONE[flag] as Scenario)
    else if (flag === '--rounds') rounds = positive(flag, value())
    else if (flag === '--measure-seconds') measureSeconds = positive(flag, value())
    else if (flag === '--cpu-prof') cpuProfile = true
    else throw new Error(`Unknown flag ${flag}. Usage: ${USAGE}`)
  }
  return {
    scenarios: chosen.size > 0 ? chosen : new Set(SCENARIOS),
    rounds,
    measureSeconds,
    cpuProfile,
    attacks: attacks.size > 0 ? attacks : new Set(HOSTILE_ATTACKS),
  }
}

/** The comma-separated `list`, each of which must be one of `known`. */
function names<T extends string>(list: string, known: readonly T[], what: string): T[] {
  return list.split(',').map((name) => {
    if (!(known as readonly string[]).includes(name)) {
      throw new Error(`No ${what} "${name}". Usage: ${USAGE}`)
    }
    return name as T
  })
}

function positive(flag: string, text: string): number {
  const number = Number(text)
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`${flag} takes a whole number from 1, not "${text}". Usage: ${USAGE}`)
  }
  return number
}
