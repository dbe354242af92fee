import { describe, expect, it } from 'vitest'
import { AddressLimits } from './AddressLimits'

const perMinute = { boards: 3, joins: 60, uploads: 60, imports: 1, exports: 10 }

describe('AddressLimits', () => {
  it('lets an address do a minute’s worth at once, then answers how long to wait', () => {
    let now = 0
    const limits = new AddressLimits(perMinute, () => now)
    expect([1, 2, 3, 4].map(() => limits.take('boards', '10.0.0.1'))).toEqual([0, 0, 0, 20])
    now = 20_000
    expect(limits.take('boards', '10.0.0.1')).toBe(0)
    expect(limits.take('boards', '10.0.0.1')).toBe(20)
  })

  it('keeps addresses and kinds apart', () => {
    const limits = new AddressLimits(perMinute, () => 0)
    expect(limits.take('imports', 'a')).toBe(0)
    expect(limits.take('imports', 'a')).toBe(60)
    expect(limits.take('imports', 'b')).toBe(0)
    expect(limits.take('exports', 'a')).toBe(0)
  })
})
