/** A time of day as people read it on this device: "10:42". */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
}

/**
 * A day written out in full, "3 November 2026": never "03/11/2026", which people in different
 * places read as different days. The interface is in British English, so is the order.
 */
export function formatDate(epochMs: number): string {
  return new Date(epochMs).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
}
