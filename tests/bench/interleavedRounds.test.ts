import { describe, expect, it } from 'vitest'
import { interleavedRounds, medianBy } from './interleavedRounds'

describe('interleavedRounds', () => {
  it('rotates which kind goes first, and keeps each kind’s runs in order', async () => {
    const order: string[] = []
    const { runs } = await interleavedRounds(
      ['a', 'b', 'c'],
      3,
      async (kind, round) => {
        order.push(`${kind}${round}`)
        return round
      },
      (round) => round,
    )
    expect(order).toEqual(['a0', 'b0', 'c0', 'b1', 'c1', 'a1', 'c2', 'a2', 'b2'])
    expect(runs).toEqual({ a: [0, 1, 2], b: [0, 1, 2], c: [0, 1, 2] })
  })

  it('reports each kind by its median run', async () => {
    const p99s = { a: [30, 10, 20], b: [5, 50, 7] }
    const { median } = await interleavedRounds(
      ['a', 'b'] as const,
      3,
      async (kind, round) => ({ kind, p99: p99s[kind][round]! }),
      (run) => run.p99,
    )
    expect(median).toEqual({ a: { kind: 'a', p99: 20 }, b: { kind: 'b', p99: 7 } })
  })
})

describe('medianBy', () => {
  it('takes the lower middle of an even count, and refuses none', () => {
    expect(medianBy([4, 1, 3, 2], (x) => x)).toBe(2)
    expect(medianBy([9], (x) => x)).toBe(9)
    expect(() => medianBy([], (x: number) => x)).toThrow()
  })
})
