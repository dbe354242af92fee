import { isIsoDate } from './shapes/actionShape'

const format = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/**
 * An action's date the way people say it, e.g. "31 March 2026", the same on every device (dates
 * are days, not moments, so no time zone may shift them). Empty for no date.
 */
export function formatDueDate(due: string): string {
  if (!isIsoDate(due)) return ''
  return format.format(new Date(`${due}T00:00:00Z`))
}

/** A moment as the day it fell on, e.g. "14 March 2026" (in UTC, so every copy says the same). */
export function formatDay(epochMs: number): string {
  return formatDueDate(new Date(epochMs).toISOString().slice(0, 10))
}
