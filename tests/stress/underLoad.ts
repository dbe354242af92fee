import { spawn, type ChildProcess } from 'node:child_process'
import { availableParallelism } from 'node:os'

/**
 * Runs a command while CPU hogs keep cores busy, the way CI's machine is loaded by whatever
 * else it runs: `npm run test:stress` runs the whole suite with one of this machine's two cores
 * taken. A test that only passes on an idle machine fails here.
 *
 * Usage: `tsx tests/stress/underLoad.ts [--hogs N] [--repeat N] [command…]`
 * - `--hogs N`: how many cores to keep busy (default: one, or all but one on a bigger machine);
 * - `--repeat N`: run the command N times in a row, stopping at the first failure;
 * - the command defaults to `npm test`.
 * The exit code is the command's (the first failing run's).
 */
const args = process.argv.slice(2)
let hogs = Math.max(1, availableParallelism() - 1)
let repeat = 1
while (args[0]?.startsWith('--')) {
  const flag = args.shift()
  const value = Number(args.shift())
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${flag} needs a whole number of at least 1`)
    process.exit(2)
  }
  if (flag === '--hogs') hogs = value
  else if (flag === '--repeat') repeat = value
  else {
    console.error(`Unknown option ${flag}; use --hogs N, --repeat N, then the command`)
    process.exit(2)
  }
}
const command = args.length > 0 ? args : ['npm', 'test']

/** A process that spins on one core until it is killed; the OS shares cores fairly with it. */
function startHog(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
}

function run(argv: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const [file, ...rest] = argv as [string, ...string[]]
    const child = spawn(file, rest, { stdio: 'inherit' })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
    child.on('error', (error) => {
      console.error(`Could not start ${file}: ${error.message}`)
      resolve(1)
    })
  })
}

const hogProcesses = Array.from({ length: hogs }, startHog)
const stopHogs = () => {
  for (const hog of hogProcesses) hog.kill('SIGKILL')
}
process.once('exit', stopHogs)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopHogs()
    process.exit(130)
  })
}

console.log(`Running "${command.join(' ')}" ${repeat}× with ${hogs} core(s) kept busy`)
let exitCode = 0
for (let round = 1; round <= repeat; round++) {
  const started = Date.now()
  exitCode = await run(command)
  const seconds = Math.round((Date.now() - started) / 1000)
  console.log(`Run ${round} of ${repeat}: ${exitCode === 0 ? 'passed' : 'FAILED'} in ${seconds} s`)
  if (exitCode !== 0) break
}
stopHogs()
process.exit(exitCode)
