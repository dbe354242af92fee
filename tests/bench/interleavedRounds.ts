/** Every kind's runs, in the order they ran, and the one each is reported by. */
export interface Rounds<K extends string, T> {
  readonly runs: Record<K, readonly T[]>
  readonly median: Record<K, T>
}

/**
 * Runs `run` once per kind in each of `rounds` rounds, rotating which kind goes first, so that
 * none always meets the machine in the same state (a warm or a cold cache, a neighbour's
 * burst). Tails vary from one run to the next by as much as the servers differ; one run each
 * cannot say which is better. `figure` picks the median round of each kind.
 */
export async function interleavedRounds<K extends string, T>(
  kinds: readonly K[],
  rounds: number,
  run: (kind: K, round: number) => Promise<T>,
  figure: (result: T) => number,
): Promise<Rounds<K, T>> {
  const runs = Object.fromEntries(kinds.map((kind) => [kind, [] as T[]])) as Record<K, T[]>
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[(i + round) % kinds.length] as K
      runs[kind].push(await run(kind, round))
    }
  }
  const median = Object.fromEntries(
    kinds.map((kind) => [kind, medianBy(runs[kind], figure)]),
  ) as Record<K, T>
  return { runs, median }
}

/** The run whose `figure` is the median of `runs` (the lower middle for an even count). */
export function medianBy<T>(runs: readonly T[], figure: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => figure(a) - figure(b))
  const median = sorted[Math.floor((sorted.length - 1) / 2)]
  if (median === undefined) throw new Error('No runs to take the median of')
  return median
}
