import type { Distribution } from './percentiles'

/** Rows of cells as a plain-text table, each column as wide as its widest cell. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  )
  return rows
    .map((row) => `  ${row.map((cell, column) => cell.padEnd(widths?.[column] ?? 0)).join('   ')}`)
    .join('\n')
}

/** "p50 / p99 / max" of a distribution. */
export function distribution(d: Pick<Distribution, 'p50' | 'p99' | 'max'>): string {
  return `${fixed(d.p50)} / ${fixed(d.p99)} / ${fixed(d.max)}`
}

/** "a / b". */
export function pair(a: number, b: number): string {
  return `${fixed(a)} / ${fixed(b)}`
}

/** Three significant figures at most, whole numbers from 100 up: enough to compare runs. */
export function fixed(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en')
  return value.toPrecision(3).replace(/\.?0+$/, '')
}

/** Close codes and how often each ended a connection: "4129 × 10, 1006 × 2". */
export function closeCodes(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([code, count]) => `${code} × ${count}`)
    .join(', ')
}
