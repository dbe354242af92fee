/**
 * Splits what is to be written into runs whose sizes add up to at most `budget` each, keeping
 * their order; an item larger than the budget on its own makes a run of its own. The bridge
 * writes each run as one Yjs change, so one change never outgrows a message the server takes
 * (shared/limits.ts, MAX_CHANGE_BYTES).
 */
export function splitIntoChanges<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  budget: number,
): T[][] {
  const runs: T[][] = []
  let run: T[] = []
  let size = 0
  for (const item of items) {
    const itemSize = sizeOf(item)
    if (run.length > 0 && size + itemSize > budget) {
      runs.push(run)
      run = []
      size = 0
    }
    run.push(item)
    size += itemSize
  }
  if (run.length > 0) runs.push(run)
  return runs
}
