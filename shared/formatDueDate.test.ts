import { describe, expect, it } from 'vitest'
import { formatDay, formatDueDate } from './formatDueDate'

describe('formatDueDate', () => {
  it('writes a date the way people say it, whatever the time zone', () => {
    expect(formatDueDate('2026-03-31')).toBe('31 March 2026')
    expect(formatDueDate('2026-01-01')).toBe('1 January 2026')
  })

  it('gives nothing for no date or a broken one', () => {
    expect(formatDueDate('')).toBe('')
    expect(formatDueDate('2026-02-30')).toBe('')
  })
})

describe('formatDay', () => {
  it('writes the day a moment fell on, in UTC', () => {
    expect(formatDay(Date.UTC(2026, 2, 14, 23, 59))).toBe('14 March 2026')
  })
})
