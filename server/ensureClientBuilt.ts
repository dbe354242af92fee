import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** What the built app is made from: if any of these is newer than the build, it is stale. */
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json']

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

/** True when dist/client is missing or older than any of its sources. */
export function clientBuildIsStale(root = repoRoot): boolean {
  const built = newestChange(join(root, 'dist', 'client', 'index.html'))
  return built === 0 || SOURCES.some((source) => newestChange(join(root, source)) > built)
}

/**
 * Builds the app into dist/client when it is missing or stale, and does nothing otherwise.
 * Progress goes to stderr: `npm start` keeps stdout for the one line with the URL to open.
 */
export async function ensureClientBuilt(): Promise<void> {
  if (!clientBuildIsStale()) return
  process.stderr.write('Building the Commonmap app (this happens once after each update)…\n')
  const { build } = await import('vite')
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'error' })
}

// `npm start` runs this first, so a fresh clone (or a changed checkout) is built before the
// server starts, and an up-to-date build is not redone.
if (process.argv[1] === fileURLToPath(import.meta.url)) await ensureClientBuilt()
