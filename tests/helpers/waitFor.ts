/**
 * Polls `check` until it returns a truthy value (which is returned) or `timeoutMs` passes.
 * Tests wait for conditions with this, never for fixed sleeps. On timeout the last error
 * thrown by `check` (an assertion, say) is reported, so failures explain themselves.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 20_000, intervalMs = 20, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value as NonNullable<T>
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : ''
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`, {
        cause: lastError,
      })
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
