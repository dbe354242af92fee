import type { ClusterProcess } from './startCluster'

/**
 * The process of a cluster that serves a board now, as its logs tell: the one that took it with
 * the highest fencing number (`board.taken`). Undefined before any process has taken it.
 */
export function ownerOf(
  processes: readonly ClusterProcess[],
  boardId: string,
): ClusterProcess | undefined {
  let owner: ClusterProcess | undefined
  let highest = -1
  for (const process of processes) {
    for (const line of process.logs) {
      if (
        line.event === 'board.taken' &&
        line.boardId === boardId &&
        Number(line.fence) > highest
      ) {
        highest = Number(line.fence)
        owner = process
      }
    }
  }
  return owner
}
