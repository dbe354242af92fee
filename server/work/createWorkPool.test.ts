import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createWorkPool } from './createWorkPool'

/** The nice value of each thread of this process, by thread id (Linux's /proc). */
function threadNiceValues(): Map<number, number> {
  const nice = new Map<number, number>()
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
    // Fields after the command's closing parenthesis; nice is the 19th field of the line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    nice.set(Number(tid), Number(fields[16]))
  }
  return nice
}

describe('createWorkPool', () => {
  const pool = createWorkPool({ threads: 1, maxQueued: 1, timeoutMs: 30_000, maxHeapMb: 256 })
  afterEach(() => pool.close())

  it.runIf(process.platform === 'linux')(
    'runs imports and exports on threads below the priority of the thread that relays edits',
    async () => {
      const before = threadNiceValues().get(process.pid)
      const outcome = await pool.reserve()!.run(() => ({
        kind: 'import',
        input: {
          bytes: new TextEncoder().encode('not a board'),
          boardId: 'abcdefghijklmnopqrstuv',
          creatorId: 'p_test',
          fallbackTitle: undefined,
          now: Date.now(),
          maxPictureBytes: 1024,
        },
      }))
      expect(outcome).toMatchObject({ ok: false })
      const after = threadNiceValues()
      expect(after.get(process.pid)).toBe(before)
      expect(Math.max(...after.values())).toBeGreaterThan(before!)
    },
  )
})
