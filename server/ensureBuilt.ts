import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Metafile } from 'esbuild'
import { appRoot } from './appRoot'

/** What a build is made from and where it goes: stale when any source is newer than its output. */
interface Build {
  readonly output: string
  readonly sources: readonly string[]
}

/** The web app, built by Vite into dist/client. */
export const CLIENT_BUILD: Build = {
  output: join('dist', 'client', 'index.html'),
  sources: ['client', 'shared', 'vite.config.ts', 'vite.lane.config.ts', 'package-lock.json'],
}

/**
 * The server, compiled and bundled by esbuild into an entry module and the chunks it imports
 * when it needs them (packages stay in node_modules). Production runs it with plain Node: the
 * `tsx` loader that `npm run dev` and the tests use costs a running server about 34 MB and
 * compiles every module at start-up.
 */
export const SERVER_BUILD: Build = {
  output: join('dist', 'server', 'main.mjs'),
  sources: ['server', 'shared', 'package-lock.json'],
}

/**
 * Node's options for the compiled server, wherever it runs as in production (`npm start`, whose
 * script in package.json spells them out, the cluster, the bench).
 *
 * `--initial-old-space-size`: V8 gives a small heap a small full-collection limit, about 20 MB
 * above what is alive, and counts recent outside memory (socket reads, files from the work
 * threads) against it. A busy server with 20 MB alive reached it twice every two seconds beside
 * a board under attack (issue 11's hostile neighbour: 13-22 full collections in 20 s, each
 * holding every board's event loop in steps of up to 17 ms), though there was little to
 * collect. With a floor of 64 MB a full collection comes when there is garbage to free: 0-2 in
 * the same runs, the server's CPU down from about 41 % to 32 % of its core, and its peak RSS up
 * from about 270 to 340 MB. An idle server is unchanged: its heap is far below the floor, and
 * V8's memory reducer still collects it once it is quiet. Worker threads get the same floor.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--initial-old-space-size=64']

/**
 * Packages the server imports from node_modules as they are. tldraw's are bundled instead: each
 * is hundreds of small modules, and resolving them one by one when the first board opens
 * delayed its first join by a few hundred milliseconds on a busy machine; bundled, they are
 * one chunk (and one copy of each, as tldraw requires).
 */
const PACKAGES_LEFT_EXTERNAL = Object.keys(
  (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as PackageJson).dependencies,
).filter((name) => !name.startsWith('@tldraw/'))

interface PackageJson {
  readonly dependencies: Record<string, string>
}

/** The worker threads' own modules, plain JavaScript beside the server. */
const WORKER_THREADS = ['mergeWorkerThread.mjs', 'checkpointWorkerThread.mjs']

/** The newest modification time (ms) of a file, or of any file under a folder. */
export function newestChange(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce(
      (newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs),
      0,
    )
}

/** True when a build's output is missing or older than any of its sources. */
export function buildIsStale(build: Build, root = appRoot): boolean {
  const built = newestChange(join(root, build.output))
  return built === 0 || build.sources.some((source) => newestChange(join(root, source)) > built)
}

/** Builds the app into dist/client: the phone lane's own build first, as `npm run build` does. */
export async function buildClient(): Promise<void> {
  const { build } = await import('vite')
  for (const config of ['vite.lane.config.ts', 'vite.config.ts']) {
    await build({ configFile: join(appRoot, config), logLevel: 'error' })
  }
}

/**
 * Compiles the server into `outdir` (dist/server), with the worker threads it starts beside it,
 * and tells what went into which output (esbuild's metafile).
 */
export async function buildServer(outdir = join(appRoot, 'dist', 'server')): Promise<Metafile> {
  const { build } = await import('esbuild')
  const { metafile } = await build({
    entryPoints: {
      main: join(appRoot, 'server', 'main.ts'),
      // Loaded by path by the import and export threads (work/createWorkPool.ts).
      workTasks: join(appRoot, 'server', 'work', 'workTasks.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    // What the server imports only once a board is open (tldraw's schema packages, exports,
    // imports) goes into chunks of its own, so a server with no board open never loads it.
    // Beside the entry, not in a folder: modules find files relative to their own URL
    // (appRoot.ts, the worker threads). Old chunks are left in place: they are named by their
    // content, and a server still running the previous build may not have loaded its own yet.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: PACKAGES_LEFT_EXTERNAL,
    sourcemap: true,
    logLevel: 'error',
    metafile: true,
  })
  // Started by path, relative to the modules that start them (storage/MergeWorker.ts,
  // storage/CheckpointWorker.ts).
  mkdirSync(outdir, { recursive: true })
  for (const thread of WORKER_THREADS) {
    copyFileSync(join(appRoot, 'server', 'storage', thread), join(outdir, thread))
  }
  return metafile
}

/**
 * Builds the app and the server when they are missing or stale, and does nothing otherwise.
 * Progress goes to stderr: `npm start` keeps stdout for the one line with the URL to open.
 */
export async function ensureBuilt(): Promise<void> {
  if (buildIsStale(CLIENT_BUILD)) {
    process.stderr.write('Building the Commonmap app (this happens once after each update)…\n')
    await buildClient()
  }
  if (buildIsStale(SERVER_BUILD)) await buildServer()
}

// `npm start` runs this first, so a fresh clone (or a changed checkout) is built before the
// server starts, and an up-to-date build is not redone. `--server` compiles the server alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--server')) await buildServer()
  else await ensureBuilt()
}
