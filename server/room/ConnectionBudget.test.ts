import { describe, expect, it } from 'vitest'
import { ConnectionBudget } from './ConnectionBudget'

describe('ConnectionBudget', () => {
  const rates = { updatesPerSecond: 60, presencePerSecond: 20 }

  it('lets a person drag a shape at 60 Hz and move a cursor at 60 Hz for a minute', () => {
    const budget = new ConnectionBudget({ updatesPerSecond: 100, presencePerSecond: 100 }, 0)
    for (let frame = 0; frame < 3600; frame++) {
      const now = (frame * 1000) / 60
      expect(budget.update(now, 300)).toBe('pass')
      expect(budget.presenceUpdate(now)).toBe('pass')
    }
  })

  it('passes a burst of twice the rate, then closes on changes', () => {
    const budget = new ConnectionBudget(rates, 0)
    for (let i = 0; i < 120; i++) expect(budget.update(0, 10)).toBe('pass')
    expect(budget.update(0, 10)).toBe('close')
  })

  it('counts a change once more for every 64 KiB it holds', () => {
    const budget = new ConnectionBudget(rates, 0)
    expect(budget.update(0, 100 * 64 * 1024 - 1)).toBe('pass')
    expect(budget.update(0, 19 * 64 * 1024)).toBe('pass')
    expect(budget.update(0, 1)).toBe('close')
  })

  it('drops presence over budget, and closes once a second over', () => {
    const budget = new ConnectionBudget(rates, 0)
    for (let i = 0; i < 40; i++) expect(budget.presenceUpdate(0)).toBe('pass')
    for (let i = 0; i < 20; i++) expect(budget.presenceUpdate(0)).toBe('drop')
    expect(budget.presenceUpdate(0)).toBe('close')
  })
})
