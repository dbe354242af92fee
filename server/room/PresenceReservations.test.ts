import { describe, expect, it } from 'vitest'
import { PresenceReservations } from './PresenceReservations'

describe('PresenceReservations', () => {
  it('keeps ids for their participant until the timeout, then forgets them', () => {
    const reservations = new PresenceReservations(1000)
    reservations.reserve([1, 2], 'amina', 0)
    expect(reservations.blocks(1, 'mallory', 999)).toBe(true)
    expect(reservations.blocks(1, 'amina', 999)).toBe(false)
    expect(reservations.blocks(1, 'mallory', 1000)).toBe(false)
    expect(reservations.size).toBe(1)
    reservations.reserve([3], 'sam', 2000)
    expect(reservations.size).toBe(1)
  })

  it('frees an id when released', () => {
    const reservations = new PresenceReservations(1000)
    reservations.reserve([1], 'amina', 0)
    reservations.release(1)
    expect(reservations.blocks(1, 'mallory', 0)).toBe(false)
  })
})
