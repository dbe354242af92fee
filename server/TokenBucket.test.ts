import { describe, expect, it } from 'vitest'
import { TokenBucket } from './TokenBucket'

describe('TokenBucket', () => {
  it('lets a burst of its capacity through, then its rate', () => {
    const bucket = new TokenBucket(3, 2, 0)
    expect([1, 2, 3, 4].map(() => bucket.take(0))).toEqual([true, true, true, false])
    expect(bucket.msUntil(0)).toBe(500)
    expect(bucket.take(499)).toBe(false)
    expect(bucket.take(500)).toBe(true)
  })

  it('never holds more than its capacity', () => {
    const bucket = new TokenBucket(2, 10, 0)
    expect(bucket.isFull(60_000)).toBe(true)
    expect([1, 2, 3].map(() => bucket.take(60_000))).toEqual([true, true, false])
  })

  it('takes a cost of several tokens at once, or none of it', () => {
    const bucket = new TokenBucket(10, 1, 0)
    expect(bucket.take(0, 8)).toBe(true)
    expect(bucket.take(0, 3)).toBe(false)
    expect(bucket.take(0, 2)).toBe(true)
  })

  it('goes into debt when charged past empty, and pays it back at its rate', () => {
    const bucket = new TokenBucket(2, 1, 0)
    for (let i = 0; i < 5; i++) bucket.charge(0)
    expect(bucket.debt(0)).toBe(3)
    expect(bucket.debt(2000)).toBe(1)
    expect(bucket.take(3000)).toBe(false)
    expect(bucket.take(4000)).toBe(true)
  })
})
