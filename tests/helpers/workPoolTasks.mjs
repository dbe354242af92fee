// Tasks for WorkPool.test.ts: plain JavaScript, so a thread loads it without a TypeScript loader.

/** Answers `value` after `ms` milliseconds; with `ms` of -1 never answers. */
export function after({ ms, value }) {
  if (ms < 0) return new Promise(() => {})
  return new Promise((resolve) => setTimeout(() => resolve(value), ms))
}
