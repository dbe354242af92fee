import { describe, expect, it, vi } from 'vitest'
import { TurnBatchedLog } from './TurnBatchedLog'
import type { BatchAppender, BoardEntry, UpdateLog } from './UpdateLog'

/** A log that records each transaction it was given, and fails those holding `fail` updates. */
function recordingLog() {
  const transactions: string[][] = []
  const log: UpdateLog & BatchAppender = {
    load: vi.fn(),
    compact: vi.fn(),
    append: vi.fn(),
    appendAll(entries: readonly BoardEntry[]) {
      const names = entries.map(({ boardId, entry }) => `${boardId}:${entry.update[0]}`)
      if (entries.some(({ entry }) => entry.update[0] === 0)) throw new Error('cannot store')
      transactions.push(names)
    },
  }
  return { log, transactions }
}

const update = (n: number) => ({ update: Uint8Array.of(n) })

describe('TurnBatchedLog', () => {
  it('commits every append of one turn, from every board, in one transaction, in order', async () => {
    const { log, transactions } = recordingLog()
    const batched = new TurnBatchedLog(log)
    const done = [
      batched.append('a', update(1)),
      batched.append('b', update(2)),
      batched.append('a', update(3)),
    ]
    expect(transactions).toEqual([])
    await Promise.all(done)
    expect(transactions).toEqual([['a:1', 'b:2', 'a:3']])
    await batched.append('b', update(4))
    expect(transactions).toEqual([['a:1', 'b:2', 'a:3'], ['b:4']])
  })

  it('fails only the board whose append cannot be stored, and nothing of it after', async () => {
    const { log, transactions } = recordingLog()
    const batched = new TurnBatchedLog(log)
    const results = await Promise.allSettled([
      batched.append('a', update(1)),
      batched.append('b', update(0)),
      batched.append('b', update(2)),
      batched.append('a', update(3)),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled'])
    expect(transactions).toEqual([['a:1'], ['a:3']])
  })
})

describe('TurnBatchedLog over a log that commits over the network', () => {
  it('runs one transaction at a time, and gathers everything appended meanwhile into the next', async () => {
    const transactions: string[][] = []
    const commits: (() => void)[] = []
    let running = 0
    let overlapped = false
    const log: UpdateLog & BatchAppender = {
      load: vi.fn(),
      compact: vi.fn(),
      append: vi.fn(),
      appendAll(entries: readonly BoardEntry[]) {
        if (++running > 1) overlapped = true
        transactions.push(entries.map(({ boardId, entry }) => `${boardId}:${entry.update[0]}`))
        return new Promise<void>((resolve) =>
          commits.push(() => {
            running--
            resolve()
          }),
        )
      },
    }
    const batched = new TurnBatchedLog(log)
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve))
    const first = batched.append('a', update(1))
    await vi.waitFor(() => expect(transactions).toHaveLength(1))
    // Three more turns while the first transaction is under way: they all wait for the next one.
    const later: Promise<void>[] = []
    for (const [board, n] of [
      ['b', 2],
      ['a', 3],
      ['c', 4],
    ] as const) {
      later.push(batched.append(board, update(n)))
      await nextTurn()
    }
    expect(transactions).toEqual([['a:1']])
    commits.shift()!()
    await first
    await vi.waitFor(() => expect(transactions).toHaveLength(2))
    expect(transactions[1]).toEqual(['b:2', 'a:3', 'c:4'])
    commits.shift()!()
    await Promise.all(later)
    expect(overlapped).toBe(false)
  })
})
