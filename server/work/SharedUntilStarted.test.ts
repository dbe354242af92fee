import { describe, expect, it } from 'vitest'
import { SharedUntilStarted } from './SharedUntilStarted'

/**
 * A task that waits for a thread until `begin()`, then reports starting its read, and ends with
 * `value` at `finish()`.
 */
function heldTask(value: string) {
  let begin!: () => void
  let finish!: () => void
  const thread = new Promise<void>((resolve) => (begin = resolve))
  const read = new Promise<void>((resolve) => (finish = resolve))
  let scheduled = 0
  let reading = false
  const schedule = async (starting: () => void) => {
    scheduled++
    await thread
    starting()
    reading = true
    await read
    return value
  }
  return {
    schedule,
    begin: () => begin(),
    finish: () => finish(),
    scheduled: () => scheduled,
    reading: () => reading,
  }
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}

describe('SharedUntilStarted', () => {
  it('gives requests that arrive while a task waits that same task', async () => {
    const shared = new SharedUntilStarted<string>()
    const task = heldTask('file')
    const first = shared.start('board csv', task.schedule)
    const joined = Array.from({ length: 19 }, () => shared.joinable('board csv'))
    task.begin()
    task.finish()
    expect(await Promise.all([first, ...joined])).toEqual(Array(20).fill('file'))
    expect(task.scheduled()).toBe(1)
  })

  it('starts a new task for a request that arrives once the read has begun', async () => {
    const shared = new SharedUntilStarted<string>()
    const task = heldTask('older')
    const first = shared.start('board csv', task.schedule)
    task.begin()
    await waitUntil(task.reading)
    expect(shared.joinable('board csv')).toBeUndefined()
    task.finish()
    await first
  })

  it('keeps tasks for different keys apart', () => {
    const shared = new SharedUntilStarted<string>()
    void shared.start('board csv', heldTask('csv').schedule)
    expect(shared.joinable('board csv')).toBeDefined()
    expect(shared.joinable('board html')).toBeUndefined()
  })

  it('lets nobody join a task that failed', async () => {
    const shared = new SharedUntilStarted<string>()
    const failed = shared.start('board csv', () => Promise.reject(new Error('busy')))
    await expect(failed).rejects.toThrow('busy')
    expect(shared.joinable('board csv')).toBeUndefined()
  })
})
