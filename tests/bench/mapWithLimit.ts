/**
 * `fn` over `items`, at most `limit` at a time, results in the items' order. Hundreds of joins
 * or sockets opened in the same instant fail on a busy machine (connections reset, accept
 * queues full); what the bench measures comes after everyone has joined.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
