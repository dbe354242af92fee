import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { mapWithLimit } from './mapWithLimit'

describe('mapWithLimit', () => {
  it('keeps the order of the items, however the calls finish', async () => {
    const results = await mapWithLimit([30, 10, 20, 0], 2, async (ms, i) => {
      await sleep(ms)
      return `${i}:${ms}`
    })
    expect(results).toEqual(['0:30', '1:10', '2:20', '3:0'])
  })

  it('never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    await mapWithLimit(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async () => {
        most = Math.max(most, ++running)
        await sleep(1)
        running--
      },
    )
    expect(most).toBe(3)
  })

  it('fails with the first failure', async () => {
    await expect(
      mapWithLimit([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('two')
        return n
      }),
    ).rejects.toThrow('two')
  })
})
