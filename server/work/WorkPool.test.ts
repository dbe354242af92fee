import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { WorkPool } from './WorkPool'

const filename = fileURLToPath(new URL('../../tests/helpers/workPoolTasks.mjs', import.meta.url))
type Task = { ms: number; value: string }

describe('WorkPool', () => {
  const pools: WorkPool<Task, string>[] = []
  afterEach(async () => {
    for (const pool of pools.splice(0)) await pool.close()
  })
  const pool = (maxQueued: number, timeoutMs = 30_000) => {
    const made = new WorkPool<Task, string>({
      filename,
      handler: 'after',
      threads: 1,
      maxQueued,
      timeoutMs,
      maxHeapMb: 64,
    })
    pools.push(made)
    return made
  }

  it('runs tasks on a thread, in order, one at a time per thread', async () => {
    const work = pool(2)
    const made: string[] = []
    const places = ['a', 'b', 'c'].map((value) => work.reserve())
    const results = places.map((place, i) =>
      place!.run(() => {
        made.push(String(i))
        return { ms: 20, value: `task ${i}` }
      }),
    )
    expect(await Promise.all(results)).toEqual(['task 0', 'task 1', 'task 2'])
    expect(made).toEqual(['0', '1', '2'])
  })

  it('refuses a place when every thread and queue place is taken, and says when to come back', async () => {
    const work = pool(1)
    const first = work.reserve()!
    const second = work.reserve()!
    expect(work.reserve()).toBeUndefined()
    expect(work.retryAfterSeconds).toBeGreaterThanOrEqual(1)
    second.release()
    const third = work.reserve()
    expect(third).toBeDefined()
    await Promise.all([
      first.run(() => ({ ms: 1, value: 'x' })),
      third!.run(() => ({ ms: 1, value: 'y' })),
    ])
    expect(work.reserve()).toBeDefined()
  })

  it('stops a task that runs too long, and goes on with the next', async () => {
    // The limit covers starting the thread that replaces the stopped one too, which on a loaded
    // machine took longer than 300 ms: give the next task room for that.
    const work = pool(1, 3000)
    const hung = work.reserve()!.run(() => ({ ms: -1, value: 'never' }))
    const next = work.reserve()!.run(() => ({ ms: 1, value: 'next' }))
    await expect(hung).rejects.toMatchObject({ name: expect.stringMatching(/Abort|Timeout/) })
    expect(await next).toBe('next')
  })

  it('moves the buffers a task names to its thread instead of copying them', async () => {
    type Sized = { ms: number; value: string; bytes: Uint8Array }
    const work = new WorkPool<Sized, string>({
      filename,
      handler: 'after',
      threads: 1,
      maxQueued: 1,
      timeoutMs: 30_000,
      maxHeapMb: 64,
      transferables: (task) => [task.bytes.buffer as ArrayBuffer],
    })
    const bytes = new Uint8Array(1024)
    try {
      expect(await work.reserve()!.run(() => ({ ms: 1, value: 'moved', bytes }))).toBe('moved')
      // A moved buffer is detached here: nothing was copied.
      expect(bytes.byteLength).toBe(0)
    } finally {
      await work.close()
    }
  })
})
