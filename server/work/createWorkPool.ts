import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { WorkPool } from './WorkPool'
import type { WorkResult, WorkTask } from './workTasks'

/** How many tasks run at once, how many may wait, and how long and large one may grow. */
export interface WorkLimits {
  readonly threads: number
  readonly maxQueued: number
  readonly timeoutMs: number
  readonly maxHeapMb: number
}

/**
 * The server's pool for imports and exports (workTasks.ts). Compiled (`npm start`), the bundle
 * has the tasks as workTasks.mjs beside main.mjs (server/ensureBuilt.ts). From source (tests,
 * `npm run dev`) each thread loads workTasks.ts through the tsx loader, given to it explicitly:
 * a process the tests start in-process (vitest) has no loader of its own to pass on.
 */
export function createWorkPool(limits: WorkLimits): WorkPool<WorkTask, WorkResult> {
  const fromSource = import.meta.url.endsWith('.ts')
  const tasks = fromSource ? './workTasks.ts' : './workTasks.mjs'
  return new WorkPool({
    ...limits,
    filename: fileURLToPath(new URL(tasks, import.meta.url)),
    handler: 'runWorkTask',
    // An upload's body is read into a buffer of its own (http/readBody.ts), nothing else's.
    transferables: (task) => (task.kind === 'import' ? [task.input.bytes.buffer as ArrayBuffer] : []),
    ...(fromSource && { execArgv: [...process.execArgv, '--import', tsxLoader()] }),
  })
}

function tsxLoader(): string {
  const tsx = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  return pathToFileURL(join(tsx, 'dist', 'loader.mjs')).href
}
